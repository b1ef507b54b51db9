package io.cigraph.web;

import io.cigraph.graph.CypherQueries.CypherResult;
import io.cigraph.graph.SavedQuestions.Question;
import io.cigraph.graph.SavedQuestions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Collection;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Saved questions: named Cypher queries that take their parameters from the query string. */
@RestController
@Tag(name = "queries")
class QuestionController {

    private final SavedQuestions questions;

    QuestionController(SavedQuestions questions) {
        this.questions = questions;
    }

    @Operation(summary = "Saved questions: name, description and parameters")
    @GetMapping("/api/questions")
    Collection<Question> questions() {
        return questions.questions();
    }

    @Operation(summary = "Answers a saved question as /api/cypher does; its parameters come from the query string")
    @GetMapping("/api/questions/{name}")
    CypherResult ask(@Parameter(description = "The question's name") @PathVariable String name,
                     @Parameter(description = "The question's parameters by name") @RequestParam Map<String, String> parameters) {
        return questions.ask(name, parameters);
    }
}
