package io.cigraph.search;

import java.io.IOException;
import java.util.Objects;
import java.util.function.LongToDoubleFunction;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;

/**
 * A score multiplier computed from one numeric field of the document (a missing value reads as
 * 0), explained by its formula: the ranking's priors such as connectedness.
 */
final class ValueBoost extends DoubleValuesSource {

    private final String field;
    private final LongToDoubleFunction function;
    private final String formula;

    /** @param formula how {@code function} reads, for explanations and equality */
    ValueBoost(String field, LongToDoubleFunction function, String formula) {
        this.field = field;
        this.function = function;
        this.formula = formula;
    }

    /**
     * Of the names a typed prefix completes, the shortest is nearest to what was meant ("harmo" is
     * HarmonyOS before HarmonyOS 4): {@code 1 / (1 + 0.1 · (shortest name − typed))}, reading the
     * shortest name in the script of what was typed.
     */
    static ValueBoost nearness(String key) {
        String field = Names.hasCjk(key) ? Fields.SHORTEST_CJK_NAME : Fields.SHORTEST_NAME;
        int typed = key.length();
        return new ValueBoost(field, length -> 1 / (1 + 0.1 * Math.max(0, length - typed)),
                "nearness: 1 / (1 + 0.1 * (shortest name - " + typed + " typed))");
    }

    @Override
    public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) throws IOException {
        NumericDocValues values = ctx.reader().getNumericDocValues(field);
        return new DoubleValues() {
            private long value;

            @Override
            public double doubleValue() {
                return function.applyAsDouble(value);
            }

            @Override
            public boolean advanceExact(int doc) throws IOException {
                value = values != null && values.advanceExact(doc) ? values.longValue() : 0;
                return true;
            }
        };
    }

    @Override
    public Explanation explain(LeafReaderContext ctx, int doc, Explanation scoreExplanation) throws IOException {
        NumericDocValues values = ctx.reader().getNumericDocValues(field);
        long value = values != null && values.advanceExact(doc) ? values.longValue() : 0;
        return Explanation.match((float) function.applyAsDouble(value), formula + " with " + field + " = " + value);
    }

    @Override
    public boolean needsScores() {
        return false;
    }

    @Override
    public DoubleValuesSource rewrite(IndexSearcher searcher) {
        return this;
    }

    @Override
    public boolean isCacheable(LeafReaderContext ctx) {
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(field, formula);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueBoost v && v.field.equals(field) && v.formula.equals(formula);
    }

    @Override
    public String toString() {
        return formula;
    }
}
