package io.cigraph.web;

import io.cigraph.importing.ImportReport;
import io.cigraph.importing.ImportService;
import io.cigraph.importing.Resolve;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Imports a Turtle file. Writes: the API key filter guards this path. The body goes to the import
 * as a stream (never read whole here), with the charset its {@code Content-Type} declares.
 */
@RestController
@Tag(name = "imports")
class ImportController {

    private final ImportService imports;

    ImportController(ImportService imports) {
        this.imports = imports;
    }

    @Operation(summary = "Imports a Turtle file as a whole (X-API-Key): 201 with a report, or 422 with every problem",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The Turtle file",
                    content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/turtle")))
    @PostMapping(path = "/api/imports", consumes = {"text/turtle", "application/x-turtle", "text/plain"})
    ResponseEntity<ImportReport> importTurtle(HttpServletRequest request,
                                              @Parameter(description = "The file's name, as the ledger records it")
                                              @RequestParam(defaultValue = "upload.ttl") String name,
                                              @Parameter(description = "Import the file again even if the ledger has it")
                                              @RequestParam(defaultValue = "false") boolean force,
                                              @Parameter(description = "What to do with a new entity whose name matches a known one's once "
                                                      + "normalised: 'report' it as a likely duplicate, or 'merge' it into that one")
                                              @RequestParam(defaultValue = "report") String resolve) throws IOException {
        Resolve resolution;
        try {
            resolution = Resolve.of(resolve);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("resolve", "resolve is 'report' (name likely duplicates in the report) or "
                    + "'merge' (write them onto the entity they duplicate), not '" + resolve + "'.");
        }
        Charset charset = charsetOf(request.getContentType());
        ImportReport report = imports.importUpload(name, request.getInputStream(), request.getContentLengthLong(), charset, force,
                resolution);
        return ResponseEntity.status("imported".equals(report.status()) ? HttpStatus.CREATED : HttpStatus.OK).body(report);
    }

    /**
     * The declared charset; Turtle's own, UTF-8, when none is. One Java does not know never gets
     * here: Spring cannot parse the Content-Type and answers 415 (see {@link ProblemDetailsAdvice}).
     */
    private static Charset charsetOf(String contentType) {
        Charset declared = MediaType.parseMediaType(contentType).getCharset();
        return declared == null ? StandardCharsets.UTF_8 : declared;
    }
}
