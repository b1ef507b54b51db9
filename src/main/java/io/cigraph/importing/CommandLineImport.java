package io.cigraph.importing;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Imports the files named on the command line ({@code import FILE|FOLDER...}) through the same
 * pipeline as the service, draws a progress bar (records, rate, time left), and exits: 0 when
 * every file was imported or already there, 1 when one was rejected (its problems are printed;
 * into empty stores nothing is written, otherwise the files after it are not imported), 2 when a
 * file cannot be read.
 */
@Component
class CommandLineImport implements ApplicationRunner {

    private final ImportService imports;
    private final ImportingProperties properties;
    private final ProjectionSync sync;
    private final ApplicationContext context;

    CommandLineImport(ImportService imports, ImportingProperties properties, ProjectionSync sync, ApplicationContext context) {
        this.imports = imports;
        this.properties = properties;
        this.sync = sync;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.undo().isBlank() || !properties.retractSource().isBlank()) {
            int status = takeBack(System.out);
            sync.report();
            System.exit(SpringApplication.exit(context, () -> status));
        }
        if (properties.commandLine().isEmpty()) {
            return;
        }
        int status = run(properties.commandLine(), System.out);
        sync.report();
        System.exit(SpringApplication.exit(context, () -> status));
    }

    /**
     * Imports the files (folders: their data files, by extension, in name order); returns the exit
     * status. A folder with no data file is status 2, as a missing file is: a typo in a folder's
     * name, or files with another extension, would otherwise import nothing and say all is well.
     */
    int run(List<Path> paths, PrintStream out) {
        return run(paths, properties.dryRun(), out);
    }

    /** As {@link #run(List, PrintStream)}; a dry run reports what each file would change and writes nothing. */
    int run(List<Path> paths, boolean dryRun, PrintStream out) {
        List<Path> files;
        try {
            files = expand(paths);
        } catch (UncheckedIOException e) {
            out.println(e.getMessage());
            return 2;
        }
        ProgressBar bar = new ProgressBar(out, System.console() != null);
        try {
            List<ImportReport> reports = imports.importFiles(files, false,
                    new ImportService.WriteOptions(dryRun, null, properties.resolve()), bar);
            bar.end();
            long resources = 0;
            long relations = 0;
            for (int i = 0; i < reports.size(); i++) {
                ImportReport r = reports.get(i);
                resources += r.resources();
                relations += r.relations();
                out.printf(Locale.ROOT, "file %d/%d %s: %s (%s) | %,d resources, %,d relations%n", i + 1, reports.size(),
                        r.file(), r.status(), r.mode(), r.resources(), r.relations());
                r.warnings().stream().limit(20).forEach(w -> out.println("  warning: " + describe(w)));
                r.duplicates().stream().limit(20).forEach(d -> out.println("  " + describe(d)));
                if (r.duplicates().size() > 20) {
                    out.printf(Locale.ROOT, "  ... and %,d more likely duplicates%n", r.duplicates().size() - 20);
                }
                if (!r.replaced().isEmpty()) {
                    out.println("  a new version of " + String.join(", ", r.replaced()));
                }
                if ("dry-run".equals(r.status())) {
                    printChanges(out, r.changes());
                }
            }
            double seconds = (System.nanoTime() - bar.start) / 1e9;
            out.printf(Locale.ROOT, "%s 100%% | %,d resources, %,d relations | %,.0f records/s | 0 s left | %s%n",
                    ProgressBar.bar(1, 1), resources, relations, seconds > 0 ? (resources + relations) / seconds : 0,
                    ProgressBar.duration(seconds) + " in all");
            return 0;
        } catch (ImportRejectedException e) {
            bar.end();
            out.println(e.file() + " was rejected; nothing of it was written:");
            e.problems().forEach(p -> out.println("  " + describe(p)));
            return 1;
        } catch (UncheckedIOException e) {
            bar.end();
            out.println(e.getMessage());
            return 2;
        }
    }

    /** Undoes the batch or retracts the source the properties name; returns the exit status. */
    int takeBack(PrintStream out) {
        try {
            ImportService.RetractionReport r = properties.undo().isBlank()
                    ? imports.retractSource(properties.retractSource(), properties.dryRun())
                    : imports.undo(properties.undo(), properties.dryRun());
            out.printf(Locale.ROOT, "%s %s: %s | %,d resources and %,d relations retracted, %,d changed, in %,d ms%n",
                    r.kind(), r.target(), r.status(), r.retractedResources(), r.retractedRelations(), r.changed(), r.millis());
            printChanges(out, r.changes());
            return 0;
        } catch (io.cigraph.graph.UnknownResourceException e) {
            out.println(e.getMessage());
            return 1;
        }
    }

    /**
     * What a write changed (or, in a dry run, would change): the count of each action, then the
     * first 50 changes a line each, as the API's report lists them.
     */
    private static void printChanges(PrintStream out, List<io.cigraph.graph.Change> changes) {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        changes.forEach(c -> counts.merge(c.action(), 1L, Long::sum));
        out.println("  changes: " + (counts.isEmpty() ? "none" : counts.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey()))
                .collect(java.util.stream.Collectors.joining(", "))));
        changes.stream().limit(50).forEach(c -> out.println("  " + c.action() + " " + c.resource()
                + (c.field() == null ? "" : " " + c.field() + ": " + c.oldValue() + " -> " + c.newValue())));
        if (changes.size() > 50) {
            out.printf(Locale.ROOT, "  ... and %,d more (the API's report lists them all)%n", changes.size() - 50);
        }
    }

    private static String describe(ImportProblem p) {
        return String.format(Locale.ROOT, "%s line %s, %s %s: %s", p.file(), p.line() == null ? "?" : p.line(),
                p.record() == null ? "" : p.record(), p.field() == null ? "" : p.field(), p.message());
    }

    /** One line: what matched what, and whether it was merged. */
    static String describe(LikelyDuplicate d) {
        String names = d.names().stream().map(n -> "\"" + n.name() + "\" = \"" + n.matches() + "\"")
                .collect(java.util.stream.Collectors.joining(", "));
        String where = d.line() == null ? "" : " (line " + d.line() + ")";
        String other = d.duplicateOf() + (d.inGraph() ? "" : " of this import");
        if (d.merged()) {
            return "merged: " + d.id() + where + " into " + other + " (" + ("owl:sameAs".equals(d.reason()) ? "owl:sameAs" : names) + ")"
                    + (d.conflicts().isEmpty() ? "" : "; differs in " + String.join(", ", d.conflicts())
                    + " (see the entity's alternatives)");
        }
        return "likely duplicate: " + d.id() + where + " of " + other + " (" + names + "); --resolve=merge merges it";
    }

    private static List<Path> expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> inside = StartupImport.dataFiles(p);
                if (inside.isEmpty()) {
                    throw new UncheckedIOException("Nothing to import in the folder " + p + ": it has no file ending in "
                            + String.join(", ", ImportFormat.allExtensions()) + ".", new IOException(p.toString()));
                }
                files.addAll(inside);
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new UncheckedIOException("Cannot read " + p + ": no such file or folder", new IOException(p.toString()));
            }
        }
        return files;
    }
}
