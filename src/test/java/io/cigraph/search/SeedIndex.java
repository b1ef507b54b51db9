package io.cigraph.search;

import io.cigraph.importing.TestBatches;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.Projection;
import io.cigraph.ontology.Ontology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real index in a temporary folder holding the seed data, imported as the pipeline would. */
final class SeedIndex implements AutoCloseable {

    static final Ontology ONTOLOGY = Ontology.load(Path.of("ontology"), "https://w3id.org/cigraph/id/",
            "https://w3id.org/cigraph/ontology#");
    static final Path SEED = Path.of("import/huawei-ecosystem.ttl");

    final Path dir;
    final SearchIndex index;
    final EntitySearch search;

    private SeedIndex(Path dir, int rebuildChunk) {
        this.dir = dir;
        SearchProperties properties = SearchProperties.make(dir, rebuildChunk);
        index = new SearchIndex(properties, ONTOLOGY);
        search = new EntitySearch(index, ONTOLOGY, properties);
    }

    /** An index holding the seed file. */
    SeedIndex() {
        this(tempDir(), 10_000);
        write(TestBatches.read(ONTOLOGY, SEED));
    }

    /** An empty index in a new folder that rebuilds in chunks of {@code rebuildChunk} resources. */
    static SeedIndex empty(int rebuildChunk) {
        return new SeedIndex(tempDir(), rebuildChunk);
    }

    /** An index over an existing folder, as the service opens it at start. */
    static SeedIndex open(Path dir) {
        return new SeedIndex(dir, 10_000);
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("cigraph-search");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(ImportBatch batch) {
        try (Projection.Staged staged = index.stage(batch)) {
            staged.commit();
        }
    }

    /** Closes the index, keeping its folder. */
    void shut() {
        index.destroy();
    }

    @Override
    public void close() throws IOException {
        index.destroy();
        org.springframework.util.FileSystemUtils.deleteRecursively(dir);
    }
}
