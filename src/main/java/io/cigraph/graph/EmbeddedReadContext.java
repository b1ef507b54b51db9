package io.cigraph.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.neo4j.driver.Query;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.NoSuchRecordException;
import org.neo4j.driver.internal.InternalNode;
import org.neo4j.driver.internal.InternalPath;
import org.neo4j.driver.internal.InternalRecord;
import org.neo4j.driver.internal.InternalRelationship;
import org.neo4j.driver.internal.value.ListValue;
import org.neo4j.driver.internal.value.MapValue;
import org.neo4j.driver.internal.value.NodeValue;
import org.neo4j.driver.internal.value.PathValue;
import org.neo4j.driver.internal.value.RelationshipValue;
import org.neo4j.driver.summary.ResultSummary;
import org.neo4j.driver.types.Entity;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Path;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.api.exceptions.Status;

/**
 * The read features' Cypher run in the in-process database's own transaction, answered in the
 * driver's types: the same statements and the same mapping code as over Bolt, without the Bolt
 * exchange (packing, two Netty event loops and a Bolt worker per statement), which on a small graph
 * costs more than the reading itself. Records are converted as they are read, inside the
 * transaction, so nodes and relationships carry their properties out of it as the driver's do.
 */
final class EmbeddedReadContext implements TransactionContext {

    private final Transaction tx;
    private final Duration timeout;

    EmbeddedReadContext(Transaction tx, Duration timeout) {
        this.tx = tx;
        this.timeout = timeout;
    }

    @Override
    public Result run(String query, Map<String, Object> parameters) {
        try {
            return new Rows(tx.execute(query, parameters == null ? Map.of() : parameters));
        } catch (RuntimeException e) {
            throw translated(e, timeout);
        }
    }

    @Override
    public Result run(String query, Value parameters) {
        return run(query, parameters == null || parameters.isNull() ? Map.of() : parameters.asMap());
    }

    @Override
    public Result run(String query, Record parameters) {
        return run(query, parameters == null ? Map.of() : parameters.asMap());
    }

    @Override
    public Result run(String query) {
        return run(query, Map.<String, Object>of());
    }

    @Override
    public Result run(Query query) {
        return run(query.text(), query.parameters());
    }

    /**
     * The embedded database's failures as the driver reports them, so that callers and the web
     * feature answer them alike: a query past its timeout is a {@link QueryTimeoutException}, any
     * other refusal with a Neo4j status a {@link ClientException} with that status.
     */
    static RuntimeException translated(RuntimeException e, Duration timeout) {
        Status status = e instanceof Status.HasStatus s ? s.status() : null;
        String code = status == null ? null : status.code().serialize();
        if (code == null) {
            return e;
        }
        if (code.contains("TransactionTimedOut") || code.contains("Terminated")) {
            return new QueryTimeoutException(timeout, "The query ran longer than its timeout of " + timeout.toMillis()
                    + " ms and was stopped.", e);
        }
        if (code.startsWith("Neo.ClientError.")) {
            return new ClientException(code, e.getMessage());
        }
        return e;
    }

    /** A value of the embedded API as the driver would have received it. */
    static Value value(Object o) {
        return switch (o) {
            case null -> Values.NULL;
            case Node n -> new NodeValue(node(n));
            case Relationship r -> new RelationshipValue(relationship(r));
            case Path p -> new PathValue(path(p));
            case Map<?, ?> m -> {
                Map<String, Value> values = new HashMap<>(m.size() * 2);
                m.forEach((k, v) -> values.put(String.valueOf(k), value(v)));
                yield new MapValue(values);
            }
            case List<?> l -> {
                List<Value> values = new ArrayList<>(l.size());
                for (Object v : l) {
                    values.add(value(v));
                }
                yield new ListValue(values);
            }
            default -> Values.value(o);
        };
    }

    private static InternalNode node(Node n) {
        List<String> labels = new ArrayList<>();
        for (Label l : n.getLabels()) {
            labels.add(l.name());
        }
        return new InternalNode(n.getId(), n.getElementId(), labels, properties(n.getAllProperties()));
    }

    private static InternalRelationship relationship(Relationship r) {
        Node start = r.getStartNode();
        Node end = r.getEndNode();
        return new InternalRelationship(r.getId(), r.getElementId(), start.getId(), start.getElementId(), end.getId(),
                end.getElementId(), r.getType().name(), properties(r.getAllProperties()));
    }

    private static InternalPath path(Path p) {
        List<Entity> entities = new ArrayList<>();
        Node at = p.startNode();
        entities.add(node(at));
        for (Relationship r : p.relationships()) {
            entities.add(relationship(r));
            at = r.getOtherNode(at);
            entities.add(node(at));
        }
        return new InternalPath(entities);
    }

    private static Map<String, Value> properties(Map<String, Object> properties) {
        Map<String, Value> values = new HashMap<>(properties.size() * 2);
        properties.forEach((k, v) -> values.put(k, Values.value(v)));
        return values;
    }

    /** An embedded result read record by record, as a driver result. */
    private final class Rows implements Result {

        private final org.neo4j.graphdb.Result result;
        private final List<String> keys;
        private Record peeked;

        Rows(org.neo4j.graphdb.Result result) {
            this.result = result;
            this.keys = List.copyOf(result.columns());
        }

        @Override
        public List<String> keys() {
            return keys;
        }

        @Override
        public boolean hasNext() {
            try {
                return peeked != null || result.hasNext();
            } catch (RuntimeException e) {
                throw translated(e, timeout);
            }
        }

        @Override
        public Record next() {
            if (peeked != null) {
                Record r = peeked;
                peeked = null;
                return r;
            }
            if (!hasNext()) {
                throw new NoSuchElementException("No more records");
            }
            try {
                Map<String, Object> row = result.next();
                List<Value> values = new ArrayList<>(keys.size());
                for (String key : keys) {
                    values.add(value(row.get(key)));
                }
                return new InternalRecord(keys, values);
            } catch (RuntimeException e) {
                throw translated(e, timeout);
            }
        }

        @Override
        public Record single() {
            if (!hasNext()) {
                throw new NoSuchRecordException("Cannot retrieve a single record, because this result is empty.");
            }
            Record first = next();
            if (hasNext()) {
                throw new NoSuchRecordException("Expected a result with a single record, but this result contains at least one more.");
            }
            return first;
        }

        @Override
        public Record peek() {
            if (peeked == null) {
                peeked = next();
            }
            return peeked;
        }

        @Override
        public Stream<Record> stream() {
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false);
        }

        @Override
        public List<Record> list() {
            return list(Function.identity());
        }

        @Override
        public <T> List<T> list(Function<Record, T> mapFunction) {
            List<T> all = new ArrayList<>();
            while (hasNext()) {
                all.add(mapFunction.apply(next()));
            }
            return all;
        }

        /**
         * Discards what is left. The read features never ask for a summary; the embedded database
         * keeps none in the driver's form, so asking is a programming error, said as such.
         */
        @Override
        public ResultSummary consume() {
            result.close();
            peeked = null;
            throw new UnsupportedOperationException("Result summaries come from the driver: run this statement through it.");
        }

        @Override
        public boolean isOpen() {
            return peeked != null || result.hasNext();
        }
    }
}
