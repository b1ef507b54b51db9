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

    private static final String BASE = "https://w3id.org/cigraph/id/";
    private static final String PREFIXES = """
            @prefix kg:  <https://w3id.org/cigraph/ontology#> .
            @prefix res: <https://w3id.org/cigraph/id/> .
            """;

    @Test
    void bytesThatAreNotUtf8AreAProblemAtTheirLineNotAReplacementCharacter() {
        byte[] text = (PREFIXES + "res:cafe kg:name \"Caf\u00e9\" .\n").getBytes(StandardCharsets.ISO_8859_1);
        TurtleFile file = TurtleFile.parse("latin1.ttl", text, BASE);

        assertThat(file.syntaxErrors()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3L);
            assertThat(p.message()).contains("not UTF-8", "e9", "charset=");
        });
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheText() {
        byte[] text = ("\uFEFF" + PREFIXES + "res:a kg:p res:b .\n").getBytes(StandardCharsets.UTF_8);
        TurtleFile file = TurtleFile.parse("bom.ttl", text, BASE);

        assertThat(file.syntaxErrors()).isEmpty();
        assertThat(file.graph().size()).isEqualTo(1);
    }

    @Test
    void nestingThousandsDeepIsAProblemWithItsLineNotAStackOverflow() {
        String deep = PREFIXES + "res:a kg:x\n" + "[ kg:x ".repeat(4000) + "res:b" + " ]".repeat(4000) + " .\n";
        TurtleFile file = TurtleFile.parse("deep.ttl", deep.getBytes(StandardCharsets.UTF_8), BASE);

        assertThat(file.syntaxErrors()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4L);
            assertThat(p.message()).contains("deeper than " + NestingBound.MAX_DEPTH);
        });
        String lists = PREFIXES + "res:a kg:x " + "(".repeat(100) + ")".repeat(100) + " .\n";
        assertThat(TurtleFile.parse("lists.ttl", lists.getBytes(StandardCharsets.UTF_8), BASE).syntaxErrors())
                .singleElement().satisfies(p -> assertThat(p.message()).contains("deeper than"));
    }

    @Test
    void nestingAsDeepAsDataNeedsIsFine() {
        String text = PREFIXES + "res:a kg:x res:b {| kg:source res:s ; kg:note [ kg:y ( [ kg:z 1 ] ) ] |} .\n";
        TurtleFile file = TurtleFile.parse("fine.ttl", text.getBytes(StandardCharsets.UTF_8), BASE);

        assertThat(file.syntaxErrors()).isEmpty();
    }

    @Test
    void resourceIrisThatResolveToAnotherIriAreRefusedAsWrittenWithLineAndField() {
        String text = PREFIXES + """
                res:huawei kg:develops <https://w3id.org/cigraph/id/huawei/../harmonyos> .
                res:huawei\\/..\\/nearlink kg:name "x" .
                res:huawei kg:develops res:a\\/b , res:a%2Fb , <https://w3id.org/cigraph/id/a?b> , <https://w3id.org/cigraph/id/a#b> .
                <https://w3id.org/cigraph/id/../ontology#Vendor> kg:name "y" .
                res:huawei kg:develops res:harmonyos-4 .
                """;
        TurtleFile file = TurtleFile.parse("iris.ttl", text.getBytes(StandardCharsets.UTF_8), BASE);

        assertThat(file.syntaxErrors()).hasSize(7);
        assertThat(file.syntaxErrors().get(0)).satisfies(p -> {
            assertThat(p.line()).isEqualTo(3L);
            assertThat(p.record()).isEqualTo("huawei");
            assertThat(p.field()).isEqualTo("develops");
            assertThat(p.message()).contains("huawei/../harmonyos", "'..'", "<https://w3id.org/cigraph/id/harmonyos>");
        });
        assertThat(file.syntaxErrors().get(1)).satisfies(p -> {
            assertThat(p.line()).isEqualTo(4L);
            assertThat(p.record()).isEqualTo("https://w3id.org/cigraph/id/huawei/../nearlink");
            assertThat(p.field()).isEqualTo("id");
        });
        assertThat(file.syntaxErrors().subList(2, 6)).allSatisfy(p -> {
            assertThat(p.line()).isEqualTo(5L);
            assertThat(p.field()).isEqualTo("develops");
        }).extracting(ImportProblem::message).anyMatch(m -> m.contains("more than one path segment"))
                .anyMatch(m -> m.contains("percent-encoded")).anyMatch(m -> m.contains("query or fragment"));
        assertThat(file.syntaxErrors().get(6).line()).isEqualTo(6L);
        Node harmony = NodeFactory.createURI(BASE + "harmonyos");
        assertThat(file.graph().contains(Node.ANY, Node.ANY, harmony)).as("nothing lands on res:harmonyos").isFalse();
    }
}
