package io.cigraph.graph;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class EmbeddedNeo4jTests {

    @Test
    void aStartThatFailsIsThrownByWhatNeedsTheServerAndClosingItIsQuiet(@TempDir Path temp) throws IOException {
        Path notAFolder = Files.writeString(temp.resolve("neo4j"), "a file where the database folder should be");
        EmbeddedNeo4j neo4j = new EmbeddedNeo4j(GraphProperties.Embedded.make(notAFolder, 0,
                DataSize.ofMegabytes(8), DataSize.ofMegabytes(64)));

        assertThatThrownBy(neo4j::boltUri).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not start").hasMessageContaining(notAFolder.toString())
                .hasCauseInstanceOf(RuntimeException.class);
        assertThatThrownBy(neo4j::directWrites).isInstanceOf(IllegalStateException.class);
        assertThatCode(neo4j::close).doesNotThrowAnyException();
    }
}
