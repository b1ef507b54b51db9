package io.cigraph.web;

import io.cigraph.graph.PathQueries;
import io.cigraph.graph.Views.Paths;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PathController {

    private final PathQueries paths;

    PathController(PathQueries paths) {
        this.paths = paths;
    }

    @GetMapping("/api/paths")
    Paths paths(@RequestParam String from, @RequestParam String to,
                @RequestParam(defaultValue = "3") int maxHops, @RequestParam(defaultValue = "5") int limit) {
        return paths.paths(from, to, maxHops, limit);
    }
}
