package io.cigraph.graph;

import io.cigraph.graph.CypherQueries.CypherResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Named, parameterised Cypher questions from {@code resources/questions/*.cypher}: the file name
 * is the question's name, a {@code // description:} line says what it answers and each
 * {@code // param name: meaning} line declares a parameter. They run through the read-only Cypher
 * endpoint's code, with its timeout and row cap. Public because the web feature lists and asks them.
 */
@Component
public class SavedQuestions {

    /** A parameter the caller must give. */
    public record Parameter(String name, String description) {
    }

    /** A question as listed: no Cypher, just what it answers and what it needs. */
    public record Question(String name, String description, List<Parameter> parameters) {
    }

    record Saved(Question question, String cypher) {
    }

    private final CypherQueries cypher;
    private final Map<String, Saved> saved;

    SavedQuestions(CypherQueries cypher) {
        this.cypher = cypher;
        this.saved = load("classpath:questions/*.cypher");
    }

    public Collection<Question> questions() {
        return saved.values().stream().map(Saved::question).toList();
    }

    /**
     * Asks a question.
     *
     * @throws UnknownResourceException when there is no such question
     * @throws InvalidQueryException    when a declared parameter is missing or blank
     */
    public CypherResult ask(String name, Map<String, String> arguments) {
        Saved s = saved.get(name);
        if (s == null) {
            throw new UnknownResourceException(name, "No saved question '" + name + "': GET /api/questions lists them.");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (Parameter p : s.question().parameters()) {
            String value = arguments.get(p.name());
            if (value == null || value.isBlank()) {
                throw new InvalidQueryException(p.name(), "The question '" + name + "' needs the parameter '" + p.name()
                        + "': " + p.description() + ".");
            }
            params.put(p.name(), value);
        }
        return cypher.run(s.cypher(), params, null);
    }

    private static Map<String, Saved> load(String pattern) {
        Map<String, Saved> found = new LinkedHashMap<>();
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources(pattern);
            java.util.Arrays.sort(files, java.util.Comparator.comparing(Resource::getFilename));
            for (Resource file : files) {
                String name = Objects.requireNonNull(file.getFilename()).replaceFirst("\\.cypher$", "");
                found.put(name, parse(name, file.getContentAsString(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the saved questions", e);
        }
        return found;
    }

    static Saved parse(String name, String text) {
        String description = "";
        List<Parameter> parameters = new ArrayList<>();
        for (String line : text.lines().toList()) {
            String l = line.strip();
            if (l.startsWith("// description:")) {
                description = l.substring("// description:".length()).strip();
            } else if (l.startsWith("// param ")) {
                String[] parts = l.substring("// param ".length()).split(":", 2);
                parameters.add(new Parameter(parts[0].strip(), parts.length > 1 ? parts[1].strip() : ""));
            }
        }
        return new Saved(new Question(name, description, List.copyOf(parameters)), text);
    }
}
