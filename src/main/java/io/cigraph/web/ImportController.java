package io.cigraph.web;

import io.cigraph.graph.ImportLedger;
import io.cigraph.importing.ImportFormat;
import io.cigraph.importing.ImportReport;
import io.cigraph.importing.ImportService;
import io.cigraph.importing.UploadTooLargeException;
import io.cigraph.importing.Resolve;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Imports data files, lists the ledger, takes imports and sources back. Writes (POST, DELETE):
 * the API key filter guards them. A body goes to the import as a stream (never read whole here), in the syntax its {@code Content-Type} names and with the
 * charset it declares; a {@code multipart/form-data} upload brings one or several files, each in
 * the syntax its part's {@code Content-Type} names, or else its file name's extension. A
 * spreadsheet ({@code text/csv}, {@code text/tab-separated-values}) comes with the path of its
 * mapping in the import folder. {@link ImportFormat} decides what else is accepted; anything
 * else is a 415 naming it.
 */
@RestController
@Tag(name = "imports")
class ImportController {

    private static final String MULTIPART = MediaType.MULTIPART_FORM_DATA_VALUE;

    private final ImportService imports;
    private final ImportLedger ledger;

    ImportController(ImportService imports, ImportLedger ledger) {
        this.imports = imports;
        this.ledger = ledger;
    }

    @Operation(summary = "Imports a data file (Turtle, TriG, N-Triples, N-Quads, JSON-LD or RDF/XML) as a whole, or several as "
            + "multipart/form-data (X-API-Key): 201 with a report (a list of them for multipart), or 422 with every problem",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The file, or files as parts", content = {
                    @Content(mediaType = "text/turtle"), @Content(mediaType = "application/trig"),
                    @Content(mediaType = "application/n-triples"), @Content(mediaType = "application/n-quads"),
                    @Content(mediaType = "application/ld+json"), @Content(mediaType = "application/rdf+xml"),
                    @Content(mediaType = MULTIPART)}))
    @PostMapping(path = "/api/imports")
    ResponseEntity<?> importFiles(HttpServletRequest request,
                                  @Parameter(description = "The file's name, as the ledger records it (a single body; parts "
                                          + "are named by their file names)")
                                  @RequestParam(required = false) String name,
                                  @Parameter(description = "Import the file again even if the ledger has it")
                                  @RequestParam(defaultValue = "false") boolean force,
                                  @Parameter(description = "Report what would change; write nothing")
                                  @RequestParam(defaultValue = "false") boolean dryRun,
                                  @Parameter(description = "The batch this file is a new version of (default: the live batch "
                                          + "of the same name); one file only")
                                  @RequestParam(required = false) String replaces,
                                  @Parameter(description = "What to do with a new entity whose name matches a known one's once "
                                          + "normalised: 'report' it as a likely duplicate, or 'merge' it into that one")
                                  @RequestParam(defaultValue = "report") String resolve)
            throws IOException, HttpMediaTypeNotSupportedException {
        ImportService.WriteOptions options = new ImportService.WriteOptions(dryRun, replaces, resolveOf(resolve));
        MediaType type = mediaTypeOf(request.getContentType());
        if (type.isCompatibleWith(MediaType.MULTIPART_FORM_DATA)) {
            List<ImportReport> reports = imports.importUploads(parts(request), force, options);
            boolean imported = reports.stream().anyMatch(r -> "imported".equals(r.status()));
            return ResponseEntity.status(imported ? HttpStatus.CREATED : HttpStatus.OK).body(reports);
        }
        ImportFormat format = ImportFormat.ofMediaType(type.getType() + "/" + type.getSubtype())
                .orElseThrow(() -> unsupported(type));
        String fileName = name != null ? name : "upload" + format.extension();
        ImportReport report = imports.importUploads(List.of(new ImportService.UploadedFile(fileName, format,
                charsetOf(type), request.getContentLengthLong(), request.getInputStream())), force, options).getFirst();
        return ResponseEntity.status("imported".equals(report.status()) ? HttpStatus.CREATED : HttpStatus.OK).body(report);
    }

    @Operation(summary = "Imports a spreadsheet (CSV or TSV) through a mapping file in the import folder (X-API-Key):"
            + " 201 with a report, or 422 with every problem, each with its line and column",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The spreadsheet",
                    content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv")))
    @PostMapping(path = "/api/imports", consumes = {"text/csv", "text/tab-separated-values"})
    ResponseEntity<ImportReport> importSpreadsheet(HttpServletRequest request,
                                                   @Parameter(description = "The file's name, as the ledger records it;"
                                                           + " .tsv is read with tabs unless the mapping says otherwise")
                                                   @RequestParam(defaultValue = "upload.csv") String name,
                                                   @Parameter(description = "The mapping's file name in the import folder,"
                                                           + " such as devices.mapping.yaml")
                                                   @RequestParam String mapping,
                                                   @Parameter(description = "Import the file again even if the ledger has it")
                                                   @RequestParam(defaultValue = "false") boolean force,
                                                   @Parameter(description = "Report what would change; write nothing")
                                                   @RequestParam(defaultValue = "false") boolean dryRun,
                                                   @Parameter(description = "The batch this file is a new version of "
                                                           + "(default: the live batch of the same name)")
                                                   @RequestParam(required = false) String replaces,
                                                   @Parameter(description = "What to do with a new entity whose name matches a known one's once "
                                                           + "normalised: 'report' it as a likely duplicate, or 'merge' it into that one")
                                                   @RequestParam(defaultValue = "report") String resolve) throws IOException {
        ImportReport report = imports.importSpreadsheet(name, request.getInputStream(), request.getContentLengthLong(), mapping, force,
                new ImportService.WriteOptions(dryRun, replaces, resolveOf(resolve)));
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
     * The files of a multipart upload: every part that has a file name or a data file's media
     * type, in the order sent. The container spools the parts as they arrive and stops at the
     * upload limit, and is asked for them only here, after the API key was checked.
     */
    private List<ImportService.UploadedFile> parts(HttpServletRequest request) throws IOException, HttpMediaTypeNotSupportedException {
        long limit = imports.maxUploadBytes();
        if (request.getContentLengthLong() > limit) {
            throw new UploadTooLargeException(limit);
        }
        List<Part> parts;
        try {
            parts = List.copyOf(request.getParts());
        } catch (IllegalStateException e) {
            // The container's way of saying the upload passed its size limit.
            throw new UploadTooLargeException(limit);
        } catch (ServletException e) {
            throw new HttpMediaTypeNotSupportedException("The multipart body cannot be read: " + e.getMessage(), accepted());
        }
        List<ImportService.UploadedFile> files = new ArrayList<>();
        for (Part part : parts) {
            MediaType type = part.getContentType() == null ? null : mediaTypeOf(part.getContentType());
            Optional<ImportFormat> byType = type == null ? Optional.empty()
                    : ImportFormat.ofMediaType(type.getType() + "/" + type.getSubtype());
            String fileName = part.getSubmittedFileName();
            if (fileName == null && byType.isEmpty()) {
                continue;
            }
            ImportFormat format = byType.or(() -> ImportFormat.ofFileName(fileName)).orElseThrow(() -> new UnsupportedPartException(
                    "The part '" + part.getName() + "' (" + fileName + ", " + (type == null ? "no Content-Type" : type)
                            + ") is neither of an accepted media type nor named with a data file's extension ("
                            + String.join(", ", ImportFormat.allExtensions()) + "): send it as one of " + accepted().stream()
                            .filter(t -> !t.isCompatibleWith(MediaType.MULTIPART_FORM_DATA)).map(MediaType::toString).toList()
                            + ", or with a file name such as data.ttl.", accepted()));
            String named = fileName != null && !fileName.isBlank() ? fileName
                    : part.getName() + format.extension();
            files.add(new ImportService.UploadedFile(named, format, type == null ? StandardCharsets.UTF_8 : charsetOf(type),
                    part.getSize(), part.getInputStream()));
        }
        if (files.isEmpty()) {
            throw new UnsupportedPartException("The multipart upload has no file part: send each file as a part with a file "
                    + "name (curl -F 'file=@data.ttl').", accepted());
        }
        return files;
    }

    /**
     * The request's media type. One that cannot be parsed, or whose charset Java does not know, is
     * a 415 that says so (see {@link ProblemDetailsAdvice}).
     */
    private static MediaType mediaTypeOf(String contentType) throws HttpMediaTypeNotSupportedException {
        if (contentType == null) {
            throw new HttpMediaTypeNotSupportedException((MediaType) null, accepted(), HttpMethod.POST);
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            type.getCharset();
            return type;
        } catch (IllegalArgumentException e) {
            throw new HttpMediaTypeNotSupportedException(e.getMessage(), accepted());
        }
    }

    /** A multipart upload whose parts are not data files: its detail says which part and why. */
    static final class UnsupportedPartException extends HttpMediaTypeNotSupportedException {

        UnsupportedPartException(String detail, List<MediaType> accepted) {
            super(MediaType.MULTIPART_FORM_DATA, accepted, HttpMethod.POST, detail);
            getBody().setDetail(detail);
        }
    }

    private static HttpMediaTypeNotSupportedException unsupported(MediaType type) {
        return new HttpMediaTypeNotSupportedException(type, accepted(), HttpMethod.POST);
    }

    private static Resolve resolveOf(String resolve) {
        try {
            return Resolve.of(resolve);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("resolve", "resolve is 'report' (name likely duplicates in the report) or "
                    + "'merge' (write them onto the entity they duplicate), not '" + resolve + "'.");
        }
    }

    /** What the 415 names: every data file's media type, spreadsheets (with a mapping), and multipart uploads. */
    private static List<MediaType> accepted() {
        return Stream.concat(ImportFormat.allMediaTypes().stream(), Stream.of("text/csv", "text/tab-separated-values", MULTIPART))
                .map(MediaType::parseMediaType).toList();
    }

    /** The declared charset; UTF-8, what every accepted syntax is by default, when none is. */
    private static Charset charsetOf(MediaType type) {
        Charset declared = type.getCharset();
        return declared == null ? StandardCharsets.UTF_8 : declared;
    }
}
