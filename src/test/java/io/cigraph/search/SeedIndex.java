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

    SeedIndex() {
        try {
            dir = Files.createTempDirectory("cigraph-search");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SearchProperties properties = SearchProperties.make(dir);
        index = new SearchIndex(properties, ONTOLOGY);
        search = new EntitySearch(index, ONTOLOGY, properties);
        write(TestBatches.read(ONTOLOGY, SEED));
    }

    void write(ImportBatch batch) {
        try (Projection.Staged staged = index.stage(batch)) {
            staged.commit();
        }
    }

    @Override
    public void close() throws IOException {
        index.destroy();
        SearchIndex.deleteRecursively(dir);
    }
}
