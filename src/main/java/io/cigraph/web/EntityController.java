package io.cigraph.web;

import io.cigraph.graph.EntityQueries;
import io.cigraph.graph.Views.EntityView;
import io.cigraph.graph.Views.Neighborhood;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "entities")
@RequestMapping("/api/entities")
class EntityController {

    private final EntityQueries entities;
    private final io.cigraph.graph.ImportLedger ledger;

    EntityController(EntityQueries entities, io.cigraph.graph.ImportLedger ledger) {
        this.ledger = ledger;
        this.entities = entities;
    }

    @Operation(summary = "One entity: types, names, description, properties and its relations with provenance")
    @GetMapping("/{id}")
    EntityView entity(@Parameter(description = "The entity's id, the slug of its name (huawei, harmonyos-4)") @PathVariable String id,
                      @Parameter(description = "The most relations to return") @RequestParam(defaultValue = "500") int relations) {
        return entities.entity(id, relations);
    }

    @Operation(summary = "What changed about an entity: each import, new version and retraction, with its batch and sources, oldest first")
    @GetMapping("/{id}/history")
    java.util.List<io.cigraph.graph.ImportLedger.HistoryStep> history(@Parameter(description = "The entity's id") @PathVariable String id) {
        return ledger.history(id);
    }

    /** {@code relation} takes one or more predicate names, comma-separated or repeated. */
    @Operation(summary = "The neighbourhood of an entity, one page of nodes at a time, with its edges and counts per relation type")
    @GetMapping("/{id}/neighbors")
    Neighborhood neighbors(@Parameter(description = "The entity's id") @PathVariable String id,
                           @Parameter(description = "Hops from the entity: 1, 2 or 3") @RequestParam(defaultValue = "1") int depth,
                           @Parameter(description = "Follow only these relations (predicate names such as develops, or inverse names such as developedBy), comma-separated or repeated")
                           @RequestParam(required = false) List<String> relation,
                           @Parameter(description = "Keep only nodes of this class (its subclasses match), with the nodes that connect them to the entity")
                           @RequestParam(required = false) String type,
                           @Parameter(description = "Nodes per page") @RequestParam(defaultValue = "100") int limit,
                           @Parameter(description = "nextCursor of the previous page; none for the first") @RequestParam(required = false) String cursor) {
        List<String> relations = relation == null ? null : relation.stream()
                .flatMap(r -> Arrays.stream(r.split(","))).map(String::trim).filter(r -> !r.isEmpty()).toList();
        return entities.neighbors(id, depth, relations, type, limit, cursor);
    }
}
