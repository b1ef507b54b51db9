package io.cigraph;

import java.util.Arrays;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Competitive-intelligence knowledge graph: loads the ontology and data, serves the graph.
 * {@code import FILE|FOLDER...} as the first arguments imports those files without starting the
 * web server and exits with 0 when all were imported, 1 when one was rejected.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CiGraphApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("import")) {
            String[] files = Arrays.stream(args).skip(1).filter(a -> !a.startsWith("--")).toArray(String[]::new);
            String[] options = Arrays.stream(args).skip(1).filter(a -> a.startsWith("--")).toArray(String[]::new);
            if (files.length == 0) {
                System.err.println("Usage: import FILE|FOLDER... [--setting=value...]: imports Turtle files and exits.");
                System.exit(2);
            }
            new SpringApplicationBuilder(CiGraphApplication.class).web(WebApplicationType.NONE)
                    .properties("cigraph.import.load-at-startup=false",
                            "cigraph.import.command-line=" + String.join(",", files))
                    .run(options);
            return;
        }
        new SpringApplicationBuilder(CiGraphApplication.class).run(args);
    }
}
