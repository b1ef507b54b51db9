package io.cigraph.web;

import io.cigraph.graph.CypherQueries.CypherResult;
import io.cigraph.graph.SavedQuestions;
import io.cigraph.graph.SavedQuestions.Question;
import java.util.Collection;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Saved questions: named Cypher queries that take their parameters from the query string. */
@RestController
class QuestionController {

    private final SavedQuestions questions;

    QuestionController(SavedQuestions questions) {
        this.questions = questions;
    }

    @GetMapping("/api/questions")
    Collection<Question> questions() {
        return questions.questions();
    }

    @GetMapping("/api/questions/{name}")
    CypherResult ask(@PathVariable String name, @RequestParam Map<String, String> parameters) {
        return questions.ask(name, parameters);
    }
}
