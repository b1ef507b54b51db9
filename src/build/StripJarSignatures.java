import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the signed jars of a folder without their signature files, for the {@code aot}
 * profile: the JDK's AOT cache leaves out every class of a signed jar ("Skipping ...: Signed
 * JAR"), so those classes were loaded, verified against the jar's signature and linked again at
 * every start (Eclipse Collections, which Neo4j uses throughout: 631 classes). The jars came from
 * Maven Central, checked against its checksums; the service runs no code that asks who signed a
 * class. Every other entry, the manifest included, is copied as it was.
 *
 * <p>Run as a source file: {@code java src/build/StripJarSignatures.java FOLDER}.
 */
public class StripJarSignatures {

    /** The files that make a jar signed (JarFile's own test): signature blocks and files. */
    private static final Pattern SIGNATURE = Pattern.compile("META-INF/([^/]+\\.(SF|RSA|DSA|EC)|SIG-[^/]+)",
            Pattern.CASE_INSENSITIVE);

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || !Files.isDirectory(Path.of(args[0]))) {
            System.err.println("Usage: java StripJarSignatures.java FOLDER: rewrites its signed jars without their signatures.");
            System.exit(2);
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
        for (Path jar : jars) {
            if (signatures(jar) > 0) {
                strip(jar);
                if (signed(jar)) {
                    throw new IllegalStateException(jar + " is still signed after its signature files were left out.");
                }
                System.out.println("Signatures left out of " + jar.getFileName());
            }
        }
    }

    private static long signatures(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().filter(e -> SIGNATURE.matcher(e.getName()).matches()).count();
        }
    }

    private static void strip(Path jar) throws IOException {
        Path stripped = jar.resolveSibling(jar.getFileName() + ".unsigned");
        try (ZipFile zip = new ZipFile(jar.toFile()); OutputStream file = Files.newOutputStream(stripped);
             ZipOutputStream out = new ZipOutputStream(file)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (SIGNATURE.matcher(entry.getName()).matches()) {
                    continue;
                }
                ZipEntry copy = new ZipEntry(entry);
                // Deflated again, the size may differ; stored entries keep their size and CRC.
                copy.setCompressedSize(-1);
                out.putNextEntry(copy);
                try (InputStream in = zip.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        Files.move(stripped, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Whether any class of the jar, read through JarFile's verifier, comes with signers. */
    private static boolean signed(Path jar) {
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().endsWith(".class")) {
                    try (InputStream in = file.getInputStream(entry)) {
                        in.transferTo(OutputStream.nullOutputStream());
                    }
                    if (entry.getCodeSigners() != null) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
