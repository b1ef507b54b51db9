package io.cigraph.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cigraph.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.exceptions.SecurityException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** Who may speak Bolt to the in-process Neo4j: the holder of its credentials, and no web page. */
class Neo4jAccessIT extends IntegrationTest {

    @Autowired
    EmbeddedNeo4j neo4j;

    @Value("${cigraph.graph.embedded.dir}")
    Path dir;

    private Driver connect(AuthToken auth) {
        return GraphDatabase.driver(neo4j.boltUri(), auth);
    }

    @Test
    void boltRefusesClientsWithoutCredentialsOrWithAWrongPassword() {
        for (AuthToken auth : new AuthToken[] {AuthTokens.none(), AuthTokens.basic("neo4j", "neo4j"),
                AuthTokens.basic("neo4j", "wrong-password")}) {
            try (Driver d = connect(auth); var session = d.session()) {
                assertThatThrownBy(() -> session.run("CREATE (n:Intruder) RETURN n").consume())
                        .as(auth.toString()).isInstanceOf(SecurityException.class);
            }
        }
        assertThat(count("MATCH (n:Intruder) RETURN count(n)", java.util.Map.of())).isZero();
    }

    @Test
    void theCredentialsKeptInTheDataFolderLetAClientInAndOnlyItsOwnerReadThem() throws IOException {
        Path file = dir.resolve(Neo4jCredentials.FILE);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        assertThat(p.getProperty("password")).hasSizeGreaterThanOrEqualTo(32);
        try (Driver d = connect(AuthTokens.basic(p.getProperty("username"), p.getProperty("password")));
                var session = d.session()) {
            assertThat(session.run("MATCH (v:Vendor {id: 'huawei'}) RETURN count(v)").single().get(0).asLong()).isOne();
        }
    }

    @Test
    void aWebSocketHandshakeFromAWebPageIsRefused() throws IOException {
        try (Socket socket = new Socket(neo4j.boltUri().getHost(), neo4j.boltUri().getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("""
                    GET / HTTP/1.1\r
                    Host: localhost\r
                    Upgrade: websocket\r
                    Connection: Upgrade\r
                    Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
                    Sec-WebSocket-Version: 13\r
                    Origin: https://evil.example\r
                    \r
                    """.getBytes(StandardCharsets.US_ASCII));
            String answer = firstLine(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 403");
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        return line.toString().strip();
    }
}
