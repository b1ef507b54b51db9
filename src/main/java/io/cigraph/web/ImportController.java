package io.cigraph.web;

import io.cigraph.importing.ImportReport;
import io.cigraph.importing.ImportService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Imports a Turtle file. Writes: the API key filter guards this path. */
@RestController
@Tag(name = "imports")
class ImportController {

    private final ImportService imports;

    ImportController(ImportService imports) {
        this.imports = imports;
    }

    @Operation(summary = "Imports a Turtle file as a whole (X-API-Key): 201 with a report, or 422 with every problem")
    @PostMapping(path = "/api/imports", consumes = {"text/turtle", "application/x-turtle", "text/plain"})
    ResponseEntity<ImportReport> importTurtle(@RequestBody(required = false) byte[] body,
                                              @Parameter(description = "The file's name, as the ledger records it")
                                              @RequestParam(defaultValue = "upload.ttl") String name,
                                              @Parameter(description = "Import the file again even if the ledger has it")
                                              @RequestParam(defaultValue = "false") boolean force) {
        ImportReport report = imports.importTurtle(name, body == null ? new byte[0] : body, force);
        return ResponseEntity.status("imported".equals(report.status()) ? HttpStatus.CREATED : HttpStatus.OK).body(report);
    }
}
