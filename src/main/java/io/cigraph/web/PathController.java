package io.cigraph.web;

import io.cigraph.graph.PathQueries;
import io.cigraph.graph.Views.Paths;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "paths")
class PathController {

    private final PathQueries paths;

    PathController(PathQueries paths) {
        this.paths = paths;
    }

    @Operation(summary = "The shortest paths between two entities, in either direction, with the provenance of every edge")
    @GetMapping("/api/paths")
    Paths paths(@Parameter(description = "Id of one end") @RequestParam String from,
                @Parameter(description = "Id of the other end") @RequestParam String to,
                @Parameter(description = "The most relations on a path (1-6)") @RequestParam(defaultValue = "3") int maxHops,
                @Parameter(description = "The most paths (1-100), shortest first") @RequestParam(defaultValue = "5") int limit,
                @Parameter(description = "Only through these relations (names such as develops or runs; inverse names too); any when none")
                @RequestParam(required = false) java.util.List<String> relation) {
        return paths.paths(from, to, maxHops, limit, relation);
    }
}
