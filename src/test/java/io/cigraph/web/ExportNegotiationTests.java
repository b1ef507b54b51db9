package io.cigraph.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cigraph.rdf.RdfExport;
import io.cigraph.rdf.RdfExport.Format;
import io.cigraph.rdf.RdfExport.Profile;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

class ExportNegotiationTests {

    private static Profile fromAccept(Format format, String accept) {
        return ExportNegotiation.profile(null, format, ExportNegotiation.mediaTypes(accept));
    }

    @Test
    void theAcceptHeadersProfileIsReadByNameOrByIri() {
        assertThat(fromAccept(Format.TURTLE, "text/turtle;profile=rdf11")).isEqualTo(Profile.RDF11);
        assertThat(fromAccept(Format.TRIG, "application/trig; profile=\"https://w3id.org/cigraph/profile/rdf11-graphs\""))
                .isEqualTo(Profile.RDF11_GRAPHS);
        assertThat(fromAccept(Format.JSONLD, "application/ld+json;profile=\"http://www.w3.org/ns/json-ld#compacted rdf11-graphs\""))
                .isEqualTo(Profile.RDF11_GRAPHS);
    }

    @Test
    void withoutAProfileOfOursTheDefaultIsRdf12() {
        assertThat(fromAccept(Format.TURTLE, null)).isEqualTo(Profile.RDF12);
        assertThat(fromAccept(Format.TURTLE, "text/html,*/*;q=0.8")).isEqualTo(Profile.RDF12);
        assertThat(fromAccept(Format.JSONLD, "application/ld+json;profile=\"http://www.w3.org/ns/json-ld#expanded\""))
                .isEqualTo(Profile.RDF12);
        assertThat(fromAccept(Format.TURTLE, "application/n-triples;profile=rdf11")).isEqualTo(Profile.RDF12);
        assertThat(fromAccept(Format.TURTLE, "not a media type;;")).isEqualTo(Profile.RDF12);
    }

    @Test
    void theQueryParameterWinsAndMustNameAProfileTheFormatCanHold() {
        assertThat(ExportNegotiation.profile("rdf11", Format.TURTLE, ExportNegotiation.mediaTypes("text/turtle;profile=rdf12")))
                .isEqualTo(Profile.RDF11);
        assertThatThrownBy(() -> ExportNegotiation.profile("rdf13", Format.TURTLE, java.util.List.of()))
                .isInstanceOf(ErrorResponseException.class);
        assertThatThrownBy(() -> ExportNegotiation.profile("rdf11-graphs", Format.NTRIPLES, java.util.List.of()))
                .isInstanceOf(ErrorResponseException.class);
    }

    @Test
    void withoutAFormatTheAcceptHeadersRdfMediaTypeChoosesIt() {
        assertThat(ExportNegotiation.format(ExportNegotiation.mediaTypes("text/html;q=0.9,application/n-quads"))).isEqualTo("nquads");
        assertThat(ExportNegotiation.format(ExportNegotiation.mediaTypes("*/*"))).isEqualTo("turtle");
        assertThat(RdfExport.Format.ofMediaType("application/trig")).isEqualTo(Format.TRIG);
    }
}
