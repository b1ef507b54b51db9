package io.cigraph.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Loads the bundled data folder at start. The ledger decides: a file whose content is already in
 * the graph is skipped, so a restart costs one lookup a file. A file that is rejected stops the
 * start with its problems listed, rather than serving a graph that silently lacks it.
 */
@Component
class StartupImport {

    private static final Logger LOG = LoggerFactory.getLogger(StartupImport.class);

    private final ImportService imports;
    private final ImportingProperties properties;

    StartupImport(ImportService imports, ImportingProperties properties) {
        this.imports = imports;
        this.properties = properties;
    }

    void loadBundled() {
        if (!properties.loadAtStartup()) {
            return;
        }
        Path dir = properties.dir();
        if (!Files.isDirectory(dir)) {
            LOG.warn("Import folder {} does not exist: nothing loaded at start", dir.toAbsolutePath());
            return;
        }
        try {
            for (ImportReport report : imports.importFolderAtStart(dataFiles(dir), properties.resolve())) {
                LOG.info("{}: {} (batch {}, {})", report.file(), report.status(), report.batch(), report.mode());
                report.duplicates().forEach(d -> LOG.warn("{}: {}", report.file(), CommandLineImport.describe(d)));
                report.warnings().forEach(w -> LOG.warn("{} line {}: {} {}: {}", w.file(), w.line(), w.record(), w.field(), w.message()));
            }
        } catch (ImportRejectedException e) {
            e.problems().forEach(p -> LOG.error("{} line {}: {} {}: {}", p.file(), p.line(), p.record(), p.field(), p.message()));
            throw e;
        }
    }

    /**
     * A folder's data files, those whose extension names an {@link ImportFormat}, in name order:
     * the order imports run in.
     */
    static List<Path> dataFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> Files.isRegularFile(f) && ImportFormat.ofFileName(f.getFileName().toString()).isPresent())
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }
}
