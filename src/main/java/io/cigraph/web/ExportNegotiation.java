package io.cigraph.web;

import io.cigraph.rdf.RdfExport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Which export format and RDF profile a request asks for. The query parameters win; without them
 * the {@code Accept} header speaks, as RDF clients send it ({@code Accept: text/turtle;
 * profile=rdf11}, or the profile as an IRI ending in its name, such as
 * {@code https://w3id.org/cigraph/profile/rdf11}). A profile in the header that is not ours (JSON-LD
 * has its own, such as {@code http://www.w3.org/ns/json-ld#compacted}) is passed over, as content
 * negotiation passes over what it cannot serve; one in the query parameter is a 400.
 */
final class ExportNegotiation {

    private ExportNegotiation() {
    }

    /** The media types of an Accept header, best first; none when it is missing or malformed. */
    static List<MediaType> mediaTypes(String accept) {
        if (accept == null || accept.isBlank()) {
            return List.of();
        }
        try {
            List<MediaType> types = new ArrayList<>(MediaType.parseMediaTypes(accept));
            types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
            return types;
        } catch (InvalidMediaTypeException e) {
            return List.of();
        }
    }

    /** The first RDF format the client accepts by name, else Turtle. */
    static String format(List<MediaType> accepted) {
        for (MediaType type : accepted) {
            RdfExport.Format f = RdfExport.Format.ofMediaType(type.getType() + "/" + type.getSubtype());
            if (f != null) {
                return f.toString();
            }
        }
        return RdfExport.Format.TURTLE.toString();
    }

    static RdfExport.Profile profile(String parameter, RdfExport.Format format, List<MediaType> accepted) {
        RdfExport.Profile profile = parameter == null || parameter.isBlank() ? fromAccept(format, accepted) : RdfExport.Profile.of(parameter.trim());
        if (profile == null) {
            throw ExportController.badParameter("profile", "Unknown profile '" + parameter + "': use rdf12 (the default), "
                    + "rdf11 or rdf11-graphs.");
        }
        if (profile == RdfExport.Profile.RDF11_GRAPHS && !format.quads()) {
            throw ExportController.badParameter("profile", "The rdf11-graphs profile puts each source in a named graph, which "
                    + format + " cannot hold: use format=trig, nquads or jsonld, or profile=rdf11.");
        }
        return profile;
    }

    private static RdfExport.Profile fromAccept(RdfExport.Format format, List<MediaType> accepted) {
        MediaType wanted = MediaType.parseMediaType(format.mediaType());
        for (MediaType type : accepted) {
            String value = type.getParameter("profile");
            if (value == null || !type.includes(wanted)) {
                continue;
            }
            for (String token : value.replace("\"", "").split("\\s+")) {
                RdfExport.Profile p = RdfExport.Profile.of(token.substring(Math.max(token.lastIndexOf('/'), token.lastIndexOf('#')) + 1)
                        .toLowerCase(Locale.ROOT));
                if (p != null) {
                    return p;
                }
            }
        }
        return RdfExport.Profile.RDF12;
    }
}
