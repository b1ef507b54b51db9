package io.cigraph.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;

/** Parsing keeps each triple's line, and resolves IRIs against the base in force where they occur. */
class TurtleFileTests {

    @Test
    void aRelativeIriResolvesAgainstTheBaseWhereItIs() {
        String text = """
                @base <http://one.example/> .
                <x> <p> <y> .
                @base <http://two.example/> .
                <x> <p> <y> .
                """;
        TurtleFile file = TurtleFile.parse("base.ttl", text.getBytes(StandardCharsets.UTF_8), "http://default.example/");

        assertThat(file.syntaxErrors()).isEmpty();
        assertThat(file.graph().size()).isEqualTo(2);
        for (String base : new String[] {"http://one.example/", "http://two.example/"}) {
            Node x = NodeFactory.createURI(base + "x");
            assertThat(file.graph().contains(x, NodeFactory.createURI(base + "p"), NodeFactory.createURI(base + "y")))
                    .as("<x> <p> <y> under %s", base).isTrue();
        }
        assertThat(file.graph().find().toList()).allSatisfy(t -> assertThat(file.lineOf(t)).isIn(2L, 4L));
    }
}
