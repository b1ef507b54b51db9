package io.cigraph.web;

import io.cigraph.graph.CatalogQueries;
import io.cigraph.graph.Views.SourceDetail;
import io.cigraph.graph.Views.SourceSummary;
import io.cigraph.graph.Views.Stats;
import io.cigraph.ontology.Ontology;
import io.cigraph.ontology.OntologyClass;
import io.cigraph.ontology.OntologyProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the graph is made of: its sources, its ontology and its counts. */
@RestController
@Tag(name = "catalog")
class CatalogController {

    private final CatalogQueries catalog;
    private final Ontology ontology;

    CatalogController(CatalogQueries catalog, Ontology ontology) {
        this.catalog = catalog;
        this.ontology = ontology;
    }

    @Operation(summary = "The documents facts come from, with how many relations and observations cite each")
    @GetMapping("/api/sources")
    List<SourceSummary> sources() {
        return catalog.sources();
    }

    @Operation(summary = "One source with a page of the relations and observations that cite it")
    @GetMapping("/api/sources/{id}")
    SourceDetail source(@Parameter(description = "The source's id, as /api/sources lists it") @PathVariable String id,
                        @Parameter(description = "Facts (and observations) per page") @RequestParam(defaultValue = "100") int limit,
                        @Parameter(description = "nextCursor of the previous page; none for the first") @RequestParam(required = false) String cursor) {
        return catalog.source(id, limit, cursor);
    }

    @Operation(summary = "Counts per class and relation type, and the import ledger")
    @GetMapping("/api/stats")
    Stats stats() {
        return catalog.stats();
    }

    record OntologyView(String vocabulary, String resourceBase, List<OntologyClass> classes,
                        List<OntologyProperty> relations, List<OntologyProperty> objectProperties,
                        List<OntologyProperty> datatypeProperties, List<OntologyProperty> linkProperties) {
    }

    /**
     * Classes with their hierarchy; relations (with provenance), other object properties, literal
     * properties (with their unit), links to other knowledge bases. Extensions' terms are among them.
     */
    @Operation(summary = "Classes with their hierarchy; relations with domain, range and inverse; literal properties with units; links to other knowledge bases")
    @GetMapping("/api/ontology")
    OntologyView ontology() {
        List<OntologyProperty> all = List.copyOf(ontology.properties());
        return new OntologyView(ontology.vocabIri(), ontology.baseIri(), List.copyOf(ontology.classes()),
                all.stream().filter(OntologyProperty::relation).toList(),
                all.stream().filter(p -> p.objectProperty() && !p.relation()).toList(),
                all.stream().filter(p -> !p.objectProperty() && !p.link()).toList(),
                all.stream().filter(OntologyProperty::link).toList());
    }
}
