package io.cigraph;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Competitive-intelligence knowledge graph: loads the ontology and data, serves the graph.
 * {@code import FILE|FOLDER... [--resolve=merge]} as the first arguments imports those files
 * without starting the web server and exits with 0 when all were imported, 1 when one was rejected; {@code compact}
 * rewrites the RDF store compactly and exits; {@code rebuild} rebuilds the RDF store and the
 * search index from the graph and exits (0 when the stores then agree); {@code undo BATCH} and
 * {@code retract-source ID} (with {@code --dry-run} to only report) take an import or a source
 * back, as {@code DELETE /api/imports/{batch}} and {@code DELETE /api/sources/{id}} do, and exit;
 * {@code start-check} starts the whole service as without arguments (stores, imports, web server,
 * warm-up) and stops once it is ready, with 0: a check that a configuration starts, and the run the
 * AOT cache is trained on (its classes and method profiles then cover answering requests too).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CiGraphApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("import")) {
            String[] files = Arrays.stream(args).skip(1).filter(a -> !a.startsWith("--")).toArray(String[]::new);
            // --resolve=merge and --dry-run are the command's own options, short for the settings they stand for.
            String[] options = Arrays.stream(args).skip(1).filter(a -> a.startsWith("--"))
                    .map(a -> a.startsWith("--resolve=") ? "--cigraph.import." + a.substring(2)
                            : a.equals("--dry-run") ? "--cigraph.import.dry-run=true" : a).toArray(String[]::new);
            if (files.length == 0) {
                System.err.println("Usage: import FILE|FOLDER... [--resolve=report|merge] [--dry-run] [--setting=value...]:"
                        + " imports data files (or reports what they would change) and exits.");
                System.exit(2);
            }
            new SpringApplicationBuilder(CiGraphApplication.class).web(WebApplicationType.NONE)
                    .properties("cigraph.import.load-at-startup=false",
                            "cigraph.import.command-line=" + String.join(",", files))
                    .run(options);
            return;
        }
        if (args.length > 0 && (args[0].equals("undo") || args[0].equals("retract-source"))) {
            String[] targets = Arrays.stream(args).skip(1).filter(a -> !a.startsWith("--")).toArray(String[]::new);
            boolean dryRun = Arrays.asList(args).contains("--dry-run");
            String[] options = Arrays.stream(args).skip(1).filter(a -> a.startsWith("--") && !a.equals("--dry-run"))
                    .toArray(String[]::new);
            if (targets.length != 1) {
                System.err.println("Usage: " + args[0] + (args[0].equals("undo") ? " BATCH" : " SOURCE-ID")
                        + " [--dry-run] [--setting=value...]: takes it back from every store and exits.");
                System.exit(2);
            }
            new SpringApplicationBuilder(CiGraphApplication.class).web(WebApplicationType.NONE)
                    .properties("cigraph.import.load-at-startup=false",
                            "cigraph.import." + args[0] + "=" + targets[0], "cigraph.import.dry-run=" + dryRun)
                    .run(options);
            return;
        }
        if (args.length > 0 && args[0].equals("compact")) {
            String[] options = Arrays.copyOfRange(args, 1, args.length);
            if (Arrays.stream(options).anyMatch(a -> !a.startsWith("--"))) {
                System.err.println("Usage: compact [--setting=value...]: rewrites the RDF store compactly and exits.");
                System.exit(2);
            }
            ConfigurableApplicationContext context = new SpringApplicationBuilder(CiGraphApplication.class)
                    .web(WebApplicationType.NONE)
                    .properties("cigraph.import.load-at-startup=false", "cigraph.rdf.compact-at-start=true")
                    .run(options);
            System.exit(SpringApplication.exit(context));
        }
        if (args.length > 0 && args[0].equals("rebuild")) {
            String[] options = Arrays.copyOfRange(args, 1, args.length);
            if (Arrays.stream(options).anyMatch(a -> !a.startsWith("--"))) {
                System.err.println("Usage: rebuild [--setting=value...]: rebuilds the RDF store and the search index from the graph and exits.");
                System.exit(2);
            }
            ConfigurableApplicationContext context = new SpringApplicationBuilder(CiGraphApplication.class)
                    .web(WebApplicationType.NONE)
                    .properties("cigraph.import.load-at-startup=false", "cigraph.import.rebuild-at-start=true")
                    .run(options);
            System.exit(SpringApplication.exit(context));
        }
        if (args.length > 0 && args[0].equals("start-check")) {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(CiGraphApplication.class)
                    .run(Arrays.copyOfRange(args, 1, args.length));
            System.exit(SpringApplication.exit(context));
        }
        new SpringApplicationBuilder(CiGraphApplication.class).run(args);
    }
}
