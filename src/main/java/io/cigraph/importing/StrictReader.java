package io.cigraph.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Decodes bytes in one charset and stops at the first byte sequence that is not valid in it,
 * with its line. A decoder that replaces such bytes (as {@code new InputStreamReader(in, UTF_8)}
 * does) would store "Caf\uFFFD" for a Latin-1 "Café" and import it as if nothing were wrong.
 * A byte order mark at the start is skipped.
 */
final class StrictReader extends Reader {

    /** Bytes that are not text in the expected charset, at a known line. */
    static final class InvalidBytesException extends RuntimeException {

        private final long line;

        InvalidBytesException(long line, String message) {
            super(message, null, false, false);
            this.line = line;
        }

        long line() {
            return line;
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024).flip();
    private long line = 1;
    private boolean eof;
    private boolean finished;
    private boolean started;

    StrictReader(InputStream in, Charset charset) {
        this.in = in;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    @Override
    public int read(char[] chars, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(chars, off, len);
        while (out.position() == off && !finished) {
            CoderResult result = decoder.decode(bytes, out, eof);
            if (result.isError()) {
                throw invalid(chars, off, out.position(), result.length());
            }
            if (result.isUnderflow()) {
                if (eof) {
                    finished = !decoder.flush(out).isOverflow();
                } else {
                    fill();
                }
            }
        }
        int start = off;
        if (!started && out.position() > off) {
            started = true;
            if (chars[off] == '\uFEFF') {
                start++;
                System.arraycopy(chars, start, chars, off, out.position() - start);
                out.position(out.position() - 1);
                if (out.position() == off) {
                    return read(chars, off, len);
                }
            }
        }
        int end = out.position();
        for (int i = off; i < end; i++) {
            if (chars[i] == '\n') {
                line++;
            }
        }
        return end == off && finished ? -1 : end - off;
    }

    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    private InvalidBytesException invalid(char[] chars, int off, int end, int length) {
        long at = line;
        for (int i = off; i < end; i++) {
            if (chars[i] == '\n') {
                at++;
            }
        }
        byte[] bad = new byte[Math.min(length, 8)];
        bytes.get(bytes.position(), bad);
        String name = decoder.charset().name();
        return new InvalidBytesException(at, String.format(Locale.ROOT,
                "Line %d has bytes that are not %s (%s): save the file as %s, or declare the encoding it is in "
                        + "(over HTTP: Content-Type: text/turtle; charset=ISO-8859-1, for example).",
                at, name, HexFormat.ofDelimiter(" ").formatHex(bad), "UTF-8"));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
