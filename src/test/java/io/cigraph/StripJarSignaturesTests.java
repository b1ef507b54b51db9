package io.cigraph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code aot} profile's build step ({@code src/build/StripJarSignatures.java}), run as the
 * profile runs it, on a jar signed by the JDK's own {@code jarsigner} and on one that is not.
 */
class StripJarSignaturesTests {

    private static final Path PROGRAM = Path.of("src/build/StripJarSignatures.java");
    private static final Path BIN = Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent();

    @TempDir
    Path dir;

    @Test
    void aSignedJarLosesItsSignatureAndKeepsEveryOtherEntryAndAnUnsignedJarIsLeftAsItWas() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path signed = lib.resolve("signed.jar");
        Path plain = lib.resolve("plain.jar");
        writeJar(signed);
        writeJar(plain);
        run(BIN.resolve("keytool").toString(), "-genkeypair", "-keystore", dir.resolve("keys.p12").toString(),
                "-storepass", "changeit", "-alias", "test", "-dname", "CN=test", "-keyalg", "EC", "-validity", "2");
        run(BIN.resolve("jarsigner").toString(), "-keystore", dir.resolve("keys.p12").toString(), "-storepass", "changeit",
                signed.toString(), "test");
        assertThat(signers(signed)).as("jarsigner signed the jar's classes").isTrue();
        Map<String, String> before = entries(signed);
        assertThat(before.keySet()).anyMatch(name -> name.endsWith(".SF"));
        byte[] plainBefore = Files.readAllBytes(plain);

        String output = run(BIN.resolve("java").toString(), PROGRAM.toString(), lib.toString());

        assertThat(output).contains("Signatures left out of signed.jar").doesNotContain("plain.jar");
        assertThat(signers(signed)).as("classes read through the verifier have no signers").isFalse();
        Map<String, String> expected = new LinkedHashMap<>(before);
        expected.keySet().removeIf(name -> name.startsWith("META-INF/") && name.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)"));
        assertThat(entries(signed)).isEqualTo(expected);
        assertThat(Files.readAllBytes(plain)).isEqualTo(plainBefore);
    }

    @Test
    void withoutAFolderItSaysHowToRunItAndExitsWithTwo() throws Exception {
        Process p = new ProcessBuilder(BIN.resolve("java").toString(), PROGRAM.toString(), dir.resolve("missing").toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(output).contains("Usage: java StripJarSignatures.java FOLDER");
    }

    /** A jar with a manifest, a class-like entry, a stored entry and a deflated one. */
    private static void writeJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("example/Thing.class"));
            out.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 69});
            out.closeEntry();
            byte[] stored = "stored as it is".getBytes(StandardCharsets.UTF_8);
            JarEntry entry = new JarEntry("example/stored.txt");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(stored.length);
            CRC32 crc = new CRC32();
            crc.update(stored);
            entry.setCrc(crc.getValue());
            out.putNextEntry(entry);
            out.write(stored);
            out.closeEntry();
            out.putNextEntry(new JarEntry("example/deflated.txt"));
            out.write("deflated ".repeat(100).getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    /** Every entry's name and content. */
    private static Map<String, String> entries(Path jar) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Enumeration<JarEntry> all = file.entries();
            while (all.hasMoreElements()) {
                JarEntry e = all.nextElement();
                try (InputStream in = file.getInputStream(e)) {
                    entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                }
            }
        }
        return entries;
    }

    private static boolean signers(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            JarEntry entry = file.getJarEntry("example/Thing.class");
            try (InputStream in = file.getInputStream(entry)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return entry.getCodeSigners() != null;
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", args)).isTrue();
        assertThat(p.exitValue()).as("%s:%n%s", String.join(" ", args), output).isZero();
        return output;
    }
}
