package io.cigraph.web;

import io.cigraph.importing.ImportReport;
import io.cigraph.importing.ImportService;
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
class ImportController {

    private final ImportService imports;

    ImportController(ImportService imports) {
        this.imports = imports;
    }

    @PostMapping(path = "/api/imports", consumes = {"text/turtle", "application/x-turtle", "text/plain"})
    ResponseEntity<ImportReport> importTurtle(HttpServletRequest request,
                                              @RequestParam(defaultValue = "upload.ttl") String name,
                                              @RequestParam(defaultValue = "false") boolean force) throws IOException {
        Charset charset = charsetOf(request.getContentType());
        ImportReport report = imports.importUpload(name, request.getInputStream(), request.getContentLengthLong(), charset, force);
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
