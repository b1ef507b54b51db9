package io.cigraph.importing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of a CSV or TSV file as RFC 4180 writes them: cells between delimiters, a quoted cell
 * holding delimiters, line breaks and doubled quotes ({@code "say ""hi"""}). The charset comes
 * from the byte order mark (UTF-8, UTF-16 big or little endian), UTF-8 without one; bytes that
 * are not text in it stop the read at their line (see {@link StrictReader}) rather than being
 * replaced. Each row knows the line it starts on, so that a bad cell can be pointed at even after
 * a cell with line breaks. Blank lines are skipped, as spreadsheets leave them at the end.
 */
final class CsvRows implements AutoCloseable {

    /** One row: the line it starts on and its cells, unquoted. */
    record Row(long line, List<String> cells) {
    }

    /** Text that is not CSV, at a line and column (1-based, in characters). */
    static final class SyntaxException extends RuntimeException {

        private final long line;
        private final long column;

        SyntaxException(long line, long column, String message) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
        }

        long line() {
            return line;
        }

        long column() {
            return column;
        }
    }

    private final Reader in;
    private final char delimiter;
    private final char[] buffer = new char[16 * 1024];
    private int position;
    private int limit;
    private long line = 1;
    private long column;
    /** A carriage return was just read: a line feed right after it ends the same line. */
    private boolean afterCr;

    CsvRows(InputStream bytes, char delimiter) {
        this.in = new StrictReader(bytes, charsetOf(bytes));
        this.delimiter = delimiter;
    }

    /**
     * The charset the byte order mark names, the stream left at its start (the reader skips the
     * mark). UTF-16 needs its mark: without one the bytes are read as UTF-8, and the NUL bytes of
     * UTF-16 text fail as the line they are on.
     */
    private static Charset charsetOf(InputStream bytes) {
        if (!bytes.markSupported()) {
            throw new IllegalArgumentException("the stream must support mark: wrap it in a BufferedInputStream");
        }
        try {
            bytes.mark(3);
            int a = bytes.read();
            int b = bytes.read();
            bytes.reset();
            if (a == 0xFE && b == 0xFF) {
                return StandardCharsets.UTF_16BE;
            }
            if (a == 0xFF && b == 0xFE) {
                return StandardCharsets.UTF_16LE;
            }
            return StandardCharsets.UTF_8;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a stream for {@link #CsvRows(InputStream, char)}, with room to look at its byte order mark. */
    static InputStream buffered(InputStream in) {
        return in.markSupported() ? in : new BufferedInputStream(in, 64 * 1024);
    }

    /**
     * The next row, or {@code null} at the end.
     *
     * @throws SyntaxException when a quoted cell is not closed, or a quote stands where RFC 4180 allows none
     * @throws StrictReader.InvalidBytesException when bytes are not text in the file's charset
     */
    Row next() throws IOException {
        int c = read();
        while (c == '\n') {
            c = read();
        }
        if (c < 0) {
            return null;
        }
        long start = line;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        while (true) {
            if (c == '"' && cell.isEmpty()) {
                long quoteLine = line;
                long quoteColumn = column;
                while (true) {
                    c = read();
                    if (c < 0) {
                        throw new SyntaxException(quoteLine, quoteColumn,
                                "The quoted cell that starts here is never closed: end it with a \" (a quote inside it is written \"\").");
                    }
                    if (c == '"') {
                        c = read();
                        if (c != '"') {
                            break;
                        }
                    }
                    cell.append((char) c);
                }
                if (c >= 0 && c != delimiter && c != '\n') {
                    throw new SyntaxException(line, column, "After a quoted cell comes the delimiter or the end of the line, not '"
                            + (char) c + "': quote the whole cell and write a quote inside it as \"\".");
                }
                // A quoted empty cell is a value, and the next one must not take it for an unquoted start.
                cells.add(cell.toString());
                cell.setLength(0);
                if (c == delimiter) {
                    c = read();
                    if (c < 0 || c == '\n') {
                        cells.add("");
                        return new Row(start, cells);
                    }
                    continue;
                }
                return new Row(start, cells);
            }
            if (c < 0 || c == '\n') {
                cells.add(cell.toString());
                return new Row(start, cells);
            }
            if (c == delimiter) {
                cells.add(cell.toString());
                cell.setLength(0);
                c = read();
                continue;
            }
            if (c == '"') {
                throw new SyntaxException(line, column, "A quote inside a cell that does not start with one: quote the whole cell"
                        + " and write the quote as \"\".");
            }
            cell.append((char) c);
            c = read();
        }
    }

    /** The next character with line breaks ({@code \r\n}, {@code \n}, {@code \r}) as {@code '\n'}; -1 at the end. */
    private int read() throws IOException {
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            char c = buffer[position++];
            if (c == '\n' && afterCr) {
                afterCr = false;
                continue;
            }
            afterCr = c == '\r';
            if (c == '\r' || c == '\n') {
                line++;
                column = 0;
                return '\n';
            }
            column++;
            return c;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
