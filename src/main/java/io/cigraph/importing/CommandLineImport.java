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
 * pipeline as the service, shows progress (files, resources, relations, rate, time left), and
 * exits: 0 when every file was imported or already there, 1 when one was rejected (its problems
 * are printed, and the files after it are not imported), 2 when a file cannot be read.
 */
@Component
class CommandLineImport implements ApplicationRunner {

    private final ImportService imports;
    private final ImportingProperties properties;
    private final ApplicationContext context;

    CommandLineImport(ImportService imports, ImportingProperties properties, ApplicationContext context) {
        this.imports = imports;
        this.properties = properties;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.commandLine().isEmpty()) {
            return;
        }
        int status = run(properties.commandLine(), System.out);
        System.exit(SpringApplication.exit(context, () -> status));
    }

    /** Imports the files (folders: their {@code *.ttl} files in name order); returns the exit status. */
    int run(List<Path> paths, PrintStream out) {
        List<Path> files;
        try {
            files = expand(paths);
        } catch (UncheckedIOException e) {
            out.println(e.getMessage());
            return 2;
        }
        long totalBytes = files.stream().mapToLong(CommandLineImport::size).sum();
        long doneBytes = 0;
        long resources = 0;
        long relations = 0;
        long start = System.nanoTime();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            try {
                ImportReport report = imports.importTurtle(file.getFileName().toString(), Files.readAllBytes(file), false);
                resources += report.resources();
                relations += report.relations();
                doneBytes += size(file);
                double seconds = (System.nanoTime() - start) / 1e9;
                double left = doneBytes == 0 ? 0 : seconds * (totalBytes - doneBytes) / doneBytes;
                out.printf(Locale.ROOT, "%s %3d%% file %d/%d %s: %s | %,d resources, %,d relations | %,.0f resources/s | %s left%n",
                        bar(doneBytes, totalBytes), totalBytes == 0 ? 100 : doneBytes * 100 / totalBytes, i + 1, files.size(),
                        file.getFileName(), report.status(), resources, relations, seconds > 0 ? resources / seconds : 0,
                        duration(left));
            } catch (ImportRejectedException e) {
                out.println(file + " was rejected; nothing of it was written:");
                e.problems().forEach(p -> out.printf(Locale.ROOT, "  %s line %s, %s %s: %s%n", p.file(),
                        p.line() == null ? "?" : p.line(), p.record() == null ? "" : p.record(),
                        p.field() == null ? "" : p.field(), p.message()));
                return 1;
            } catch (IOException e) {
                out.println("Cannot read " + file + ": " + e.getMessage());
                return 2;
            }
        }
        return 0;
    }

    private static List<Path> expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                files.addAll(StartupImport.turtleFiles(p));
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new UncheckedIOException("Cannot read " + p + ": no such file or folder", new IOException(p.toString()));
            }
        }
        return files;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String bar(long done, long total) {
        int width = 20;
        int filled = total == 0 ? width : (int) (width * done / total);
        return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "]";
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }
}
