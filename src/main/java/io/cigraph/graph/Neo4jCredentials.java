package io.cigraph.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The user the service logs in to its in-process Neo4j with. A configured password wins and is
 * never written anywhere; otherwise a random one is generated at the first start and kept in
 * {@value #FILE} in the database folder, readable by its owner only, so that the next start (and a
 * person with access to the folder, for Neo4j's own tools) finds it.
 *
 * @param username always {@value #USERNAME}: Neo4j Community has one kind of user, and every user
 *                 can write
 * @param password at least Neo4j's minimum length of 8 characters
 */
record Neo4jCredentials(String username, String password) {

    static final String USERNAME = "neo4j";
    static final String FILE = "credentials.properties";

    @Override
    public String toString() {
        return "Neo4jCredentials[" + username + "]";
    }

    /** The configured password, or the one kept in {@code dir}, or a new one kept there from now on. */
    static Neo4jCredentials of(Path dir, String configured) {
        if (configured != null && !configured.isEmpty()) {
            return new Neo4jCredentials(USERNAME, configured);
        }
        Path file = dir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            }
            String password = p.getProperty("password");
            if (password == null || password.length() < 8) {
                throw new IllegalStateException("No password of at least 8 characters in " + file
                        + ": delete the file to have a new one generated, or set cigraph.graph.embedded.password.");
            }
            return new Neo4jCredentials(p.getProperty("username", USERNAME), password);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the Neo4j credentials in " + file, e);
        }
    }

    /**
     * Creates the file with its permissions from the start, so that the password is never readable
     * by others, not even for a moment; where POSIX permissions are unknown (Windows), the folder's
     * own access rules apply.
     */
    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String text = "# The user ci-graph logs in to its Neo4j with; Neo4j tools may use it too (it can write).\n"
                + "username=" + USERNAME + "\npassword=" + Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n";
        Path temp = file.resolveSibling(FILE + ".new");
        Files.deleteIfExists(temp);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(temp);
        }
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        try {
            Files.move(temp, file);
        } catch (FileAlreadyExistsException e) {
            Files.delete(temp);
        }
    }
}
