package io.cigraph.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks each read endpoint a question over the service's own HTTP port before the service reports
 * itself ready: the first call to an endpoint otherwise pays for loading its classes, building
 * its JSON writers, Neo4j planning its queries and Jena and Lucene opening their readers, several
 * hundred milliseconds each, and a strategist's first page calls several of them at once. The
 * questions go through the real code paths (HTTP, controllers, stores), nothing is cached but
 * what those paths cache themselves, and the ids asked about come from the graph. Readiness is
 * reported after application runners end, so traffic that waits for it never meets a cold
 * endpoint. Off with {@code cigraph.web.warm-up=false}; a failed question is logged and does not
 * stop the start.
 */
@Component
class WarmUp implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Rounds over the endpoints: the second reaches code that the first only loaded. */
    private static final int ROUNDS = 2;
    /**
     * Two entities related to each other, so that the paths question finds a path: the paths
     * feature runs its SHORTEST query only for connected ends, and a query first met after ready
     * is planned then (0.3 s).
     */
    static final String IDS = """
            {"query": "MATCH (n:Resource)--(m:Resource) WHERE n <> m WITH n, m LIMIT 1 UNWIND [n, m] AS x RETURN x.id, x.label"}""";

    private final WebProperties properties;
    private final Environment environment;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    WarmUp(WebProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        // Absent in the command-line modes (import, compact, rebuild), which serve nothing.
        Integer port = environment.getProperty("local.server.port", Integer.class);
        if (!properties.warmUp() || port == null || environment.getProperty("server.ssl.enabled", Boolean.class, false)) {
            return;
        }
        long start = System.nanoTime();
        Map<String, Integer> answers = warm(URI.create("http://127.0.0.1:" + port));
        LOG.info("Warmed up {} endpoints in {} ms", answers.size(), (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Each question's path and the status of its last answer (0: no answer). The questions are
     * asked side by side, one client a core, each its rounds in turn: one client at a time leaves
     * a core idle while the service answers it.
     */
    Map<String, Integer> warm(URI base) {
        List<HttpRequest> questions = questions(base);
        Map<String, Integer> answers = new LinkedHashMap<>();
        questions.forEach(q -> answers.put(path(q), 0));
        try (ExecutorService clients = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())) {
            List<Future<Integer>> statuses = questions.stream().map(q -> clients.submit(() -> ask(q))).toList();
            for (int i = 0; i < questions.size(); i++) {
                answers.put(path(questions.get(i)), statuses.get(i).get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("Warm-up: {}", e.getCause().toString());
        }
        return answers;
    }

    /** The question asked {@link #ROUNDS} times; the status of the last answer. */
    private int ask(HttpRequest request) {
        int status = 0;
        for (int round = 0; round < ROUNDS; round++) {
            status = send(request);
            if (round == 0 && status / 100 != 2) {
                LOG.warn("Warm-up: {} answered {}", path(request), status);
            }
        }
        return status;
    }

    private static String path(HttpRequest request) {
        return request.method() + " " + request.uri().getPath();
    }

    private List<HttpRequest> questions(URI base) {
        List<String> ids = new ArrayList<>();
        List<String> words = new ArrayList<>();
        HttpRequest list = post(base, "/api/cypher", "application/json", IDS);
        try {
            HttpResponse<String> r = http.send(list, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                for (JsonNode row : JSON.readTree(r.body()).get("rows")) {
                    ids.add(row.get(0).asString());
                    words.add(row.get(1).isNull() ? row.get(0).asString() : row.get(1).asString().split("[\\s-]+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Warm-up: cannot list entities to ask about: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String word = enc(words.isEmpty() ? "graph" : words.getFirst());
        String prefix = enc(words.isEmpty() ? "gra" : words.getFirst().substring(0, Math.min(3, words.getFirst().length())));
        List<HttpRequest> questions = new ArrayList<>(List.of(
                get(base, "/api/search?q=" + word),
                get(base, "/api/suggest?q=" + prefix),
                post(base, "/sparql", "application/sparql-query", "SELECT ?p ?o ?q ?x WHERE { ?s ?p ?o . ?o ?q ?x } LIMIT 10"),
                post(base, "/api/cypher", "application/json", """
                        {"query": "MATCH (n:Resource {id: $id})--(m)--(o) RETURN m.id, o.id LIMIT 10", "parameters": {"id": "%s"}}"""
                        .formatted(ids.isEmpty() ? "" : ids.getFirst()))));
        if (ids.size() == 2) {
            String a = enc(ids.get(0));
            String b = enc(ids.get(1));
            questions.add(get(base, "/api/entities/" + a));
            questions.add(get(base, "/api/entities/" + a + "/neighbors?depth=1"));
            questions.add(get(base, "/api/entities/" + a + "/neighbors?depth=2"));
            questions.add(get(base, "/api/paths?from=" + a + "&to=" + b));
        }
        return questions;
    }

    private int send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            LOG.warn("Warm-up: {} failed: {}", request.uri().getPath(), e.toString());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static HttpRequest get(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
    }

    private static HttpRequest post(URI base, String path, String contentType, String body) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
