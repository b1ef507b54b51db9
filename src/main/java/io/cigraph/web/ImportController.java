package io.cigraph.web;

import io.cigraph.importing.ImportReport;
import io.cigraph.importing.ImportService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Imports a Turtle file. Writes: the API key filter guards this path. */
@RestController
class ImportController {

    private final ImportService imports;

    ImportController(ImportService imports) {
        this.imports = imports;
    }

    @PostMapping(path = "/api/imports", consumes = {"text/turtle", "application/x-turtle", "text/plain"})
    ResponseEntity<ImportReport> importTurtle(@RequestBody(required = false) byte[] body,
                                              @RequestParam(defaultValue = "upload.ttl") String name,
                                              @RequestParam(defaultValue = "false") boolean force) {
        ImportReport report = imports.importTurtle(name, body == null ? new byte[0] : body, force);
        return ResponseEntity.status("imported".equals(report.status()) ? HttpStatus.CREATED : HttpStatus.OK).body(report);
    }
}
