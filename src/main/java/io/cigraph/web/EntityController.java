package io.cigraph.web;

import io.cigraph.graph.EntityQueries;
import io.cigraph.graph.Views.EntityView;
import io.cigraph.graph.Views.Neighborhood;
import java.util.Arrays;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/entities")
class EntityController {

    private final EntityQueries entities;

    EntityController(EntityQueries entities) {
        this.entities = entities;
    }

    @GetMapping("/{id}")
    EntityView entity(@PathVariable String id, @RequestParam(defaultValue = "500") int relations) {
        return entities.entity(id, relations);
    }

    /** {@code relation} takes one or more predicate names, comma-separated or repeated. */
    @GetMapping("/{id}/neighbors")
    Neighborhood neighbors(@PathVariable String id,
                           @RequestParam(defaultValue = "1") int depth,
                           @RequestParam(required = false) List<String> relation,
                           @RequestParam(required = false) String type,
                           @RequestParam(defaultValue = "100") int limit,
                           @RequestParam(required = false) String cursor) {
        List<String> relations = relation == null ? null : relation.stream()
                .flatMap(r -> Arrays.stream(r.split(","))).map(String::trim).filter(r -> !r.isEmpty()).toList();
        return entities.neighbors(id, depth, relations, type, limit, cursor);
    }
}
