package io.cigraph.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}). The
 * controllers describe their own operations; {@code /sparql} is a servlet filter that springdoc
 * cannot see, so it is described here, briefly: the SPARQL 1.1 Protocol is its real contract.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String SPARQL = "/sparql";

    @Bean
    OpenAPI apiDescription() {
        return new OpenAPI().info(new Info()
                .title("ci-graph")
                .version(version())
                .description("""
                        A competitive-intelligence knowledge graph: entities, their neighbourhoods and the \
                        paths between them, full-text search and suggestions, sources with the facts they \
                        support, read-only Cypher (`POST /api/cypher`) and saved questions, exports, and \
                        imports (`X-API-Key`). Every fact carries its provenance (source, evidence, \
                        confidence, validity dates).

                        SPARQL 1.1 Protocol, read-only, at `GET, POST /sparql` over the same graph (the \
                        RDF projection): `query=` by GET or form POST, or a body of type \
                        `application/sparql-query`; results as JSON, XML, CSV or TSV by `Accept`.

                        Every error is an RFC 9457 problem detail (`application/problem+json`) whose \
                        `detail` says what to change."""));
    }

    /** Adds {@code /sparql}, served by Fuseki's filter rather than a controller. */
    @Bean
    OpenApiCustomizer sparqlEndpoint() {
        return api -> {
            Parameter query = new Parameter().in("query").name("query").required(false).schema(new StringSchema())
                    .description("A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE); without it, the service description");
            ApiResponses answers = new ApiResponses()
                    .addApiResponse("200", new ApiResponse().description("Results in the format asked for by Accept"))
                    .addApiResponse("400", new ApiResponse().description("A malformed query, with the parser's message"))
                    .addApiResponse("403", new ApiResponse().description("SPARQL Update: the endpoint is read-only"))
                    .addApiResponse("503", new ApiResponse().description("The query ran longer than its timeout"));
            Content body = new Content()
                    .addMediaType("application/sparql-query", new MediaType().schema(new StringSchema()))
                    .addMediaType("application/x-www-form-urlencoded", new MediaType().schema(new StringSchema()));
            api.path(SPARQL, new PathItem()
                    .get(new Operation().operationId("sparqlGet").addTagsItem("sparql")
                            .summary("SPARQL 1.1 query, read-only").parameters(List.of(query)).responses(answers))
                    .post(new Operation().operationId("sparqlPost").addTagsItem("sparql")
                            .summary("SPARQL 1.1 query as a form or an application/sparql-query body")
                            .requestBody(new RequestBody().content(body)).responses(answers)));
        };
    }

    private static String version() {
        String version = OpenApiConfiguration.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
