package io.cigraph.web;

import io.cigraph.graph.ImportLedger;
import io.cigraph.importing.ImportReport;
import io.cigraph.importing.ImportService;
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
import java.util.List;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Imports a Turtle file, lists the ledger, takes imports and sources back. Writes (POST, DELETE):
 * the API key filter guards them. The body goes to the import
 * as a stream (never read whole here), with the charset its {@code Content-Type} declares.
 */
@RestController
@Tag(name = "imports")
class ImportController {

    private final ImportService imports;
    private final ImportLedger ledger;

    ImportController(ImportService imports, ImportLedger ledger) {
        this.imports = imports;
        this.ledger = ledger;
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
                                              @Parameter(description = "Report what would change; write nothing")
                                              @RequestParam(defaultValue = "false") boolean dryRun,
                                              @Parameter(description = "The batch this file is a new version of (default: the live batch of the same name)")
                                              @RequestParam(required = false) String replaces) throws IOException {
        Charset charset = charsetOf(request.getContentType());
        ImportReport report = imports.importUpload(name, request.getInputStream(), request.getContentLengthLong(), charset, force,
                new ImportService.WriteOptions(dryRun, replaces));
        return ResponseEntity.status("imported".equals(report.status()) ? HttpStatus.CREATED : HttpStatus.OK).body(report);
    }

    @Operation(summary = "The import ledger: every import (name, sources, batch, when, counts, status, replacedBy) and retraction")
    @GetMapping("/api/imports")
    List<ImportLedger.Entry> ledger() {
        return ledger.entries();
    }

    record ImportDetail(ImportLedger.Entry entry, ImportLedger.StatedPage stated) {
    }

    @Operation(summary = "One import with its report and, page by page, what it stated")
    @GetMapping("/api/imports/{batch}")
    ImportDetail batch(@PathVariable String batch,
                       @Parameter(description = "Resources per page") @RequestParam(defaultValue = "100") int limit,
                       @Parameter(description = "nextCursor of the previous page; none for the first") @RequestParam(required = false) String cursor) {
        return new ImportDetail(ledger.entry(batch), ledger.stated(batch, limit, cursor));
    }

    @Operation(summary = "Undoes an import (X-API-Key): what only it stated is retracted from every store")
    @DeleteMapping("/api/imports/{batch}")
    ImportService.RetractionReport undo(@PathVariable String batch,
                                        @Parameter(description = "Report what would be retracted; write nothing")
                                        @RequestParam(defaultValue = "false") boolean dryRun) {
        return imports.undo(batch, dryRun);
    }

    @Operation(summary = "Retracts a source (X-API-Key): every statement resting on it alone, from every store")
    @DeleteMapping("/api/sources/{id}")
    ImportService.RetractionReport retractSource(@PathVariable String id,
                                                 @Parameter(description = "Report what would be retracted; write nothing")
                                                 @RequestParam(defaultValue = "false") boolean dryRun) {
        return imports.retractSource(id, dryRun);
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
