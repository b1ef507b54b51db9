package io.cigraph.web;

import io.cigraph.graph.GraphExport;
import io.cigraph.rdf.RdfExport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The whole graph, or a neighbourhood of it, as a file: RDF from the RDF store (in the profile
 * asked for, see {@link ExportNegotiation}), GraphML and CSV from the property graph. The neighbourhood is worked out (and an unknown root or bad depth
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

    private static final String FORMATS = "turtle, trig, ntriples, nquads, jsonld, graphml, csv (a zip), csv-nodes or csv-relations";

    @Operation(summary = "The whole graph, or the neighbourhood of root, as a file with its provenance")
    @GetMapping("/api/export")
    ResponseEntity<StreamingResponseBody> export(@Parameter(description = "turtle, trig, ntriples, nquads, jsonld, graphml, "
                                                         + "csv (a zip of nodes.csv and relations.csv with the mapping that imports each back), csv-nodes or csv-relations; "
                                                         + "without it, the Accept header's RDF media type, else turtle")
                                                 @RequestParam(required = false) String format,
                                                 @Parameter(description = "RDF profile: rdf12 (default: RDF 1.2 reifiers), rdf11 "
                                                         + "(rdf:Statement reification) or rdf11-graphs (a named graph per source: "
                                                         + "trig, nquads, jsonld); also read from the Accept header's profile parameter")
                                                 @RequestParam(required = false) String profile,
                                                 @Parameter(description = "Export only the neighbourhood of this entity") @RequestParam(required = false) String root,
                                                 @Parameter(description = "Relations away from root (0-3)") @RequestParam(defaultValue = "1") int depth,
                                                 @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        List<MediaType> accepted = ExportNegotiation.mediaTypes(accept);
        String chosen = format != null && !format.isBlank() ? format : ExportNegotiation.format(accepted);
        RdfExport.Format rdfFormat = RdfExport.Format.of(chosen);
        RdfExport.Profile rdfProfile = rdfFormat == null ? null : ExportNegotiation.profile(profile, rdfFormat, accepted);
        if (rdfFormat == null && profile != null && !profile.isBlank()) {
            throw badParameter("profile", "The profile applies to RDF exports (turtle, trig, ntriples, nquads, jsonld): "
                    + "leave it out for " + chosen + ".");
        }
        Set<String> ids = root == null || root.isBlank() ? null : graph.neighbourhood(root, depth);
        String name = ids == null ? "cigraph" : "cigraph-" + root;
        if (rdfFormat != null) {
            return file(name + "." + rdfFormat.extension(), rdfFormat.mediaType() + ";charset=UTF-8",
                    out -> rdf.write(out, rdfFormat, rdfProfile, ids));
        }
        return switch (chosen.toLowerCase(Locale.ROOT)) {
            case "graphml" -> file(name + ".graphml", "application/graphml+xml;charset=UTF-8", out -> graph.graphml(out, ids));
            case "csv" -> file(name + "-csv.zip", "application/zip", out -> graph.csvZip(out, ids));
            case "csv-nodes" -> file(name + "-nodes.csv", "text/csv;charset=UTF-8", out -> graph.csvNodes(out, ids));
            case "csv-relations" -> file(name + "-relations.csv", "text/csv;charset=UTF-8", out -> graph.csvRelations(out, ids));
            default -> throw badParameter("format", "Unknown export format '" + chosen + "': use " + FORMATS + ".");
        };
    }

    static ErrorResponseException badParameter(String parameter, String detail) {
        ProblemDetail p = ProblemDetailsAdvice.problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", detail);
        p.setProperty("parameter", parameter);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, p, null);
    }

    private static ResponseEntity<StreamingResponseBody> file(String fileName, String mediaType, StreamingResponseBody body) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                .contentType(MediaType.parseMediaType(mediaType))
                .body(body);
    }
}
