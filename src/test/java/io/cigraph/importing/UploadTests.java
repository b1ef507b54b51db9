package io.cigraph.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Spooling an upload: counted as it comes, never held whole, transcoded to UTF-8. */
class UploadTests {

    /** An endless body: it can only be refused by counting, never by reading it all first. */
    private static final class Endless extends InputStream {

        long read;

        @Override
        public int read() {
            read++;
            return '#';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) '#');
            read += len;
            return len;
        }
    }

    @Test
    void anEndlessBodyIsRefusedSoonAfterItPassesTheLimit() {
        Endless body = new Endless();
        UploadTooLargeException e = catchThrowableOfType(UploadTooLargeException.class,
                () -> Upload.spool("endless.ttl", body, -1, StandardCharsets.UTF_8, 100_000));

        assertThat(e.limit()).isEqualTo(100_000);
        assertThat(e.getMessage()).contains("cigraph.import.max-upload-size", "command line");
        assertThat(body.read).isGreaterThan(100_000).isLessThan(100_000 + 64 * 1024);
    }

    @Test
    void anAnnouncedLengthOverTheLimitIsRefusedBeforeReadingAnything() {
        Endless body = new Endless();
        catchThrowableOfType(UploadTooLargeException.class,
                () -> Upload.spool("big.ttl", body, 500L << 20, StandardCharsets.UTF_8, 256L << 20));

        assertThat(body.read).isZero();
        assertThat(UploadTooLargeException.format(256L << 20)).isEqualTo("256MB");
    }

    @Test
    void aBodyInAnotherCharsetIsSpooledAsUtf8() throws Exception {
        Path file = Upload.spool("latin1.ttl", new ByteArrayInputStream("Café".getBytes(StandardCharsets.ISO_8859_1)), 5,
                Charset.forName("ISO-8859-1"), 1000);
        try {
            assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("Café");
        } finally {
            Upload.delete(file);
        }
    }

    @Test
    void aBodyCutOffBeforeItsEndIsTheUploadsProblemNotTheServices() {
        InputStream cut = new java.io.SequenceInputStream(new ByteArrayInputStream("@prefix kg: <x#> .\n".getBytes(StandardCharsets.UTF_8)),
                new InputStream() {
                    @Override
                    public int read() throws java.io.IOException {
                        // What the servlet container's input stream throws when the connection closes early.
                        throw new java.io.EOFException();
                    }
                });
        ImportRejectedException e = catchThrowableOfType(ImportRejectedException.class,
                () -> Upload.spool("cut.ttl", cut, 1000, StandardCharsets.UTF_8, 10_000));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("cut.ttl");
            assertThat(p.message()).contains("ended before the whole file arrived");
        });
    }
}
