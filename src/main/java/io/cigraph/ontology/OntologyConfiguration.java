package io.cigraph.ontology;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OntologyConfiguration {

    @Bean
    Ontology ontology(OntologyProperties properties) {
        return Ontology.load(properties.dir(), properties.extensions(), properties.baseIri(), properties.vocabIri());
    }
}
