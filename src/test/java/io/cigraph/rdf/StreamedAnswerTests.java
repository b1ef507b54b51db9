package io.cigraph.rdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.jena.atlas.lib.Closeable;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.riot.Lang;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.util.iterator.NiceIterator;
import org.junit.jupiter.api.Test;

class StreamedAnswerTests {

    private static final PrefixMapping PREFIXES = RdfGraphs.prefixes("https://w3id.org/cigraph/ontology#",
            "https://w3id.org/cigraph/id/");

    /** Triples without end, as a graph far larger than any answer; counts what was read and whether it was closed. */
    static final class Endless extends NiceIterator<Triple> implements Closeable {
        final AtomicLong read = new AtomicLong();
        volatile boolean closed;

        @Override
        public boolean hasNext() {
            return !closed;
        }

        @Override
        public Triple next() {
            long n = read.incrementAndGet();
            return Triple.create(NodeFactory.createURI("https://w3id.org/cigraph/id/e" + n),
                    NodeFactory.createURI("https://w3id.org/cigraph/ontology#relatedTo"),
                    NodeFactory.createURI("https://w3id.org/cigraph/id/e" + (n + 1)));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void anAnswerLargerThanTheCapIsCutAtTheCapAndSaysSoBeforeWriting() throws IOException {
        StreamedAnswer answer = new StreamedAnswer(25, () -> false);
        Endless counted = new Endless();
        assertThat(answer.exceedsCap(counted)).isTrue();
        assertThat(counted.read).hasValue(26);
        assertThat(counted.closed).isTrue();

        Endless written = new Endless();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(answer.triples(written, Lang.NTRIPLES, PREFIXES, out)).isEqualTo(StreamedAnswer.Outcome.CAPPED);
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(25);
        assertThat(written.closed).isTrue();
    }

    @Test
    void turtleIsWrittenInBlocksWithThePrefixesWhileTheTriplesAreStillBeingRead() throws IOException {
        Endless triples = new Endless();
        long[] readWhenFirstWritten = {-1};
        OutputStream out = new ByteArrayOutputStream() {
            @Override
            public void write(byte[] b, int off, int len) {
                if (readWhenFirstWritten[0] < 0 && len > 0) {
                    readWhenFirstWritten[0] = triples.read.get();
                }
                super.write(b, off, len);
            }

            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }
        };
        new StreamedAnswer(200_000, () -> false).triples(triples, Lang.TURTLE, PREFIXES, out);
        assertThat(readWhenFirstWritten[0]).isBetween(0L, 50_000L);
        assertThat(out.toString()).contains("PREFIX kg: <https://w3id.org/cigraph/ontology#>")
                .containsPattern("res:e1\\s+kg:relatedTo\\s+res:e2 \\.");
    }

    @Test
    void aClientThatLeavesEndsTheReadingAndClosesTheTriples() {
        Endless triples = new Endless();
        OutputStream gone = new OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                if (++written > 100_000) {
                    throw new IOException("Broken pipe");
                }
            }
        };
        assertThatThrownBy(() -> new StreamedAnswer(Long.MAX_VALUE, () -> false).triples(triples, Lang.NTRIPLES, PREFIXES, gone))
                .satisfiesAnyOf(e -> assertThat(e).isInstanceOf(IOException.class), e -> assertThat(e).hasRootCauseInstanceOf(IOException.class));
        assertThat(triples.closed).isTrue();
        assertThat(triples.read.get()).isLessThan(10_000);
    }

    @Test
    void theDeadlineStopsCountingAndWritingAndClosesTheTriples() {
        long end = System.nanoTime() + 200_000_000L;
        StreamedAnswer answer = new StreamedAnswer(Long.MAX_VALUE, () -> System.nanoTime() > end);
        Endless counted = new Endless();
        assertThatThrownBy(() -> answer.exceedsCap(counted)).isInstanceOf(QueryCancelledException.class);
        assertThat(counted.closed).isTrue();

        Endless written = new Endless();
        assertThatThrownBy(() -> answer.triples(written, Lang.TURTLE, PREFIXES, OutputStream.nullOutputStream()))
                .isInstanceOf(QueryCancelledException.class);
        assertThat(written.closed).isTrue();
    }

    @Test
    void syntaxesWithoutAStreamingWriterGetTheCappedTriplesWhole() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(new StreamedAnswer(3, () -> false).triples(new Endless(), Lang.JSONLD, PREFIXES, out))
                .isEqualTo(StreamedAnswer.Outcome.CAPPED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"res:e3\"").doesNotContain("res:e5");
    }
}
