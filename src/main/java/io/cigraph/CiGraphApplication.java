package io.cigraph;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Competitive-intelligence knowledge graph: loads the ontology and data, serves the graph. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CiGraphApplication {

    public static void main(String[] args) {
        SpringApplication.run(CiGraphApplication.class, args);
    }
}
