package io.cigraph.web;

import io.cigraph.importing.ImportFormat;
import io.cigraph.importing.ImportReport;
import io.cigraph.importing.ImportService;
import io.cigraph.importing.UploadTooLargeException;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Imports data files. Writes: the API key filter guards this path. A body goes to the import as a
 * stream (never read whole here), in the syntax its {@code Content-Type} names and with the
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

    ImportController(ImportService imports) {
        this.imports = imports;
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
                                  @RequestParam(defaultValue = "false") boolean force)
            throws IOException, HttpMediaTypeNotSupportedException {
        MediaType type = mediaTypeOf(request.getContentType());
        if (type.isCompatibleWith(MediaType.MULTIPART_FORM_DATA)) {
            List<ImportReport> reports = imports.importUploads(parts(request), force);
            boolean imported = reports.stream().anyMatch(r -> "imported".equals(r.status()));
            return ResponseEntity.status(imported ? HttpStatus.CREATED : HttpStatus.OK).body(reports);
        }
        ImportFormat format = ImportFormat.ofMediaType(type.getType() + "/" + type.getSubtype())
                .orElseThrow(() -> unsupported(type));
        String fileName = name != null ? name : "upload" + format.extension();
        ImportReport report = imports.importUploads(List.of(new ImportService.UploadedFile(fileName, format,
                charsetOf(type), request.getContentLengthLong(), request.getInputStream())), force).getFirst();
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
                                                   @RequestParam(defaultValue = "false") boolean force) throws IOException {
        ImportReport report = imports.importSpreadsheet(name, request.getInputStream(), request.getContentLengthLong(), mapping, force);
        return ResponseEntity.status("imported".equals(report.status()) ? HttpStatus.CREATED : HttpStatus.OK).body(report);
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
