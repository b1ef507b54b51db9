package io.cigraph.importing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A file sent over HTTP, written to a temporary file as it arrives: the import reads a file twice
 * and never whole, so a request body is spooled rather than held in memory. The bytes are counted
 * as they come, and the upload stops as soon as they pass the limit (at once when the announced
 * length already does), so an over-large body costs neither memory nor much disk. A body in
 * another charset than UTF-8 is transcoded on the way, so that the file imported (and hashed for
 * the ledger) is the UTF-8 Turtle is by definition.
 */
final class Upload {

    private Upload() {
    }

    /**
     * Spools a body to a temporary file, which the caller deletes.
     *
     * @param length announced length in bytes, or a negative number when unknown
     * @throws UploadTooLargeException when the body is, or is announced to be, over {@code limit}
     * @throws ImportRejectedException when the body has bytes that are not text in {@code charset}
     */
    static Path spool(String name, InputStream body, long length, Charset charset, long limit) {
        if (length > limit) {
            throw new UploadTooLargeException(limit);
        }
        Path file = null;
        try {
            file = Files.createTempFile("cigraph-upload-", ".ttl");
            InputStream in = new Limited(body, limit);
            try (OutputStream out = Files.newOutputStream(file)) {
                if (charset.equals(StandardCharsets.UTF_8)) {
                    // Checked as UTF-8 by the parser, with its line.
                    in.transferTo(out);
                } else {
                    transcode(name, in, charset, out);
                }
            }
            return file;
        } catch (java.io.EOFException e) {
            // The client stopped sending (or was cut off) before the body's end: its file, not the service, is at fault.
            delete(file);
            throw new ImportRejectedException(name, List.of(new ImportProblem(name, null, null, null,
                    "The upload ended before the whole file arrived: send it again.")));
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException("Cannot receive " + name + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    private static void transcode(String name, InputStream in, Charset charset, OutputStream out) throws IOException {
        Reader reader = new StrictReader(in, charset);
        Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
        char[] chars = new char[16 * 1024];
        try {
            for (int n; (n = reader.read(chars)) >= 0; ) {
                writer.write(chars, 0, n);
            }
        } catch (StrictReader.InvalidBytesException e) {
            throw new ImportRejectedException(name, List.of(new ImportProblem(name, e.line(), null, null, e.getMessage())));
        }
        writer.flush();
    }

    static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A temporary file left behind is the operating system's to clean; the import's outcome stands.
            }
        }
    }

    /** Counts the bytes read and stops at the first one over the limit. */
    private static final class Limited extends FilterInputStream {

        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            count += n;
            if (count > limit) {
                throw new UploadTooLargeException(limit);
            }
        }
    }
}
