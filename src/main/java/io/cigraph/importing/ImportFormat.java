package io.cigraph.importing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.jena.riot.Lang;

/**
 * The syntaxes a data file may be in, and how each is recognised: by its file name's extension on
 * the command line and in the import folder, by the media type over HTTP (a request's
 * {@code Content-Type}, or a multipart part's). This is the one place that decides; every
 * syntax here is read by Jena's own parser and mapped to the same canonical records. Public
 * because the web feature chooses the format of an upload.
 *
 * <p>{@code .json} is not taken for JSON-LD, nor {@code .owl} for RDF/XML: a folder holds other
 * JSON files, and OWL files are ontologies, which belong in the ontology folder.
 */
public enum ImportFormat {

    TURTLE("Turtle", Lang.TURTLE, List.of("ttl"), List.of("text/turtle", "application/x-turtle", "text/plain")),
    TRIG("TriG", Lang.TRIG, List.of("trig"), List.of("application/trig")),
    N_TRIPLES("N-Triples", Lang.NTRIPLES, List.of("nt"), List.of("application/n-triples")),
    N_QUADS("N-Quads", Lang.NQUADS, List.of("nq"), List.of("application/n-quads")),
    JSON_LD("JSON-LD", Lang.JSONLD, List.of("jsonld"), List.of("application/ld+json")),
    RDF_XML("RDF/XML", Lang.RDFXML, List.of("rdf"), List.of("application/rdf+xml"));

    private final String label;
    private final Lang lang;
    private final List<String> extensions;
    private final List<String> mediaTypes;

    ImportFormat(String label, Lang lang, List<String> extensions, List<String> mediaTypes) {
        this.label = label;
        this.lang = lang;
        this.extensions = extensions;
        this.mediaTypes = mediaTypes;
    }

    /** The format a file name's extension names (case does not matter), if any. */
    public static Optional<ImportFormat> ofFileName(String name) {
        int dot = name == null ? -1 : name.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.extensions.contains(extension)).findFirst();
    }

    /** The format of a media type without its parameters ({@code text/turtle}), if any. */
    public static Optional<ImportFormat> ofMediaType(String type) {
        String bare = type == null ? "" : type.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.mediaTypes.contains(bare)).findFirst();
    }

    /** Every media type an upload may have, for a 415's list of what is accepted. */
    public static List<String> allMediaTypes() {
        return Arrays.stream(values()).flatMap(f -> f.mediaTypes.stream()).toList();
    }

    /** Every extension a file to import may have, with its dot: {@code .ttl}, {@code .trig}, ... */
    public static List<String> allExtensions() {
        return Arrays.stream(values()).flatMap(f -> f.extensions.stream()).map(e -> "." + e).toList();
    }

    /** The extension a file in this syntax is given, with its dot: {@code .ttl}. */
    public String extension() {
        return "." + extensions.getFirst();
    }

    /** The syntax's name for messages: "Turtle", "JSON-LD". */
    public String label() {
        return label;
    }

    Lang lang() {
        return lang;
    }
}
