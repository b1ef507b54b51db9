package io.cigraph.rdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sparql.util.Symbol;
import org.junit.jupiter.api.Test;

class SparqlQueryProcessorTests {

    private static final PrefixMapping PREFIXES = RdfGraphs.prefixes("https://w3id.org/cigraph/ontology#",
            "https://w3id.org/cigraph/id/");

    @Test
    void queriesMayUseTheOntologysPrefixesWithoutDeclaringThem() {
        Query q = SparqlQueryProcessor.parse("SELECT ?d WHERE { ?d a kg:Device ; rdfs:label ?l ; skos:altLabel ?a . res:huawei owl:sameAs ?d }", PREFIXES);
        // What Fuseki is handed stands on its own: it declares the prefixes it uses.
        Query again = org.apache.jena.query.QueryFactory.create(q.serialize());
        assertThat(again.getPrefixMapping().expandPrefix("kg:Device")).isEqualTo("https://w3id.org/cigraph/ontology#Device");
        assertThat(again.getPrefixMapping().expandPrefix("res:huawei")).isEqualTo("https://w3id.org/cigraph/id/huawei");
    }

    @Test
    void aQuerysOwnPrefixWins() {
        Query q = SparqlQueryProcessor.parse("PREFIX kg: <urn:other#> ASK { ?x a kg:Device }", PREFIXES);
        assertThat(q.getPrefixMapping().expandPrefix("kg:Device")).isEqualTo("urn:other#Device");
    }

    @Test
    void parseErrorsKeepTheCallersLineNumbers() {
        assertThatThrownBy(() -> SparqlQueryProcessor.parse("SELECT ?x\nWHERE { ?x a nope:Thing }", PREFIXES))
                .isInstanceOf(QueryParseException.class).hasMessageContaining("Line 2").hasMessageContaining("nope:Thing");
    }

    @Test
    void rowsAreCappedUnlessTheQueryAsksForFewer() {
        Query open = SparqlQueryProcessor.parse("SELECT * WHERE { ?s ?p ?o }", PREFIXES);
        assertThat(SparqlQueryProcessor.capped(open, 100)).isTrue();
        assertThat(open.getLimit()).isEqualTo(100);
        Query large = SparqlQueryProcessor.parse("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 5000", PREFIXES);
        assertThat(SparqlQueryProcessor.capped(large, 100)).isTrue();
        assertThat(large.getLimit()).isEqualTo(100);
        Query small = SparqlQueryProcessor.parse("SELECT * WHERE { ?s ?p ?o } LIMIT 7", PREFIXES);
        assertThat(SparqlQueryProcessor.capped(small, 100)).isFalse();
        assertThat(small.getLimit()).isEqualTo(7);
        Query ask = SparqlQueryProcessor.parse("ASK { ?s ?p ?o }", PREFIXES);
        assertThat(SparqlQueryProcessor.capped(ask, 100)).isFalse();
    }

    @Test
    void everyQueryRunsWithTheConfiguredTimeoutAndWhatOtherFeaturesAdd() {
        Symbol extra = Symbol.create("urn:test:extension");
        Context context = SparqlConfiguration.queryContext(new RdfProperties(Path.of("unused"), Duration.ofMillis(1500), 10, TdbLoader.BASIC, false, List.of()),
                List.of(c -> c.set(extra, "added")));
        assertThat(context.getAsString(ARQ.queryTimeout)).isEqualTo("1500");
        assertThat(context.getAsString(extra)).isEqualTo("added");
    }

    @Test
    void anUpdateSentAsAQueryIsToldApartFromAMalformedQuery() {
        assertThat(SparqlQueryProcessor.isUpdate("INSERT DATA { res:huawei kg:develops res:nearlink }", PREFIXES)).isTrue();
        assertThat(SparqlQueryProcessor.isUpdate("PREFIX x: <urn:x#> DELETE WHERE { ?s x:p ?o }", PREFIXES)).isTrue();
        assertThat(SparqlQueryProcessor.isUpdate("SELECT ?x WHERE { ?x a ", PREFIXES)).isFalse();
    }

    @Test
    void aParseProblemPointsAtTheTokenTheParserDidNotExpect() {
        QueryParseException e = catchThrowableOfType(QueryParseException.class,
                () -> SparqlQueryProcessor.parse("SELECT ?x\nWHERE { ?x a }", PREFIXES));
        SparqlProblem problem = SparqlProblem.invalidQuery(e);
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.properties()).containsEntry("line", 2).containsEntry("column", 14);
        assertThat(problem.detail()).contains("line 2, column 14");
    }
}
