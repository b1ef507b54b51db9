package io.cigraph.web;

import io.cigraph.graph.GraphExport;
import io.cigraph.rdf.RdfExport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The whole graph, or a neighbourhood of it, as a file: RDF from the RDF store, GraphML and CSV
 * from the property graph. The neighbourhood is worked out (and an unknown root or bad depth
 * refused as a problem) before the first byte is streamed.
 */
@RestController
@Tag(name = "export")
class ExportController {

    private final GraphExport graph;
    private final RdfExport rdf;

    ExportController(GraphExport graph, RdfExport rdf) {
        this.graph = graph;
        this.rdf = rdf;
    }

    @Operation(summary = "The whole graph, or the neighbourhood of root, as a file with its provenance")
    @GetMapping("/api/export")
    ResponseEntity<StreamingResponseBody> export(@Parameter(description = "turtle, trig, jsonld, ntriples, graphml or csv")
                                                 @RequestParam(defaultValue = "turtle") String format,
                                                 @Parameter(description = "Export only the neighbourhood of this entity") @RequestParam(required = false) String root,
                                                 @Parameter(description = "Relations away from root (0-3)") @RequestParam(defaultValue = "1") int depth) {
        Set<String> ids = root == null || root.isBlank() ? null : graph.neighbourhood(root, depth);
        String name = ids == null ? "cigraph" : "cigraph-" + root;
        RdfExport.Format rdfFormat = RdfExport.Format.of(format);
        if (rdfFormat != null) {
            return file(name + "." + rdfFormat.extension(), rdfFormat.mediaType(), out -> rdf.write(out, rdfFormat, ids));
        }
        return switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "graphml" -> file(name + ".graphml", "application/graphml+xml", out -> graph.graphml(out, ids));
            case "csv" -> file(name + ".csv", "text/csv", out -> graph.csv(out, ids));
            default -> {
                ProblemDetail p = ProblemDetailsAdvice.problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
                        "Unknown export format '" + format + "': use turtle, trig, jsonld, ntriples, graphml or csv.");
                p.setProperty("parameter", "format");
                throw new ErrorResponseException(HttpStatus.BAD_REQUEST, p, null);
            }
        };
    }

    private static ResponseEntity<StreamingResponseBody> file(String fileName, String mediaType, StreamingResponseBody body) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                .contentType(MediaType.parseMediaType(mediaType + ";charset=UTF-8"))
                .body(body);
    }
}
