package io.cigraph.importing;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import org.apache.jena.riot.tokens.Token;
import org.apache.jena.riot.tokens.Tokenizer;

/**
 * Bounds how deep a file nests (Turtle here; JSON and XML by {@link #json} and {@link #xml}). Jena's parser descends one level of recursion for each blank-node
 * property list {@code [ ]}, collection {@code ( )}, annotation {@code {| |}} and triple term
 * {@code << >>}, so a few thousand levels end in a stack overflow with no line. Real data nests
 * two or three levels (a relation's annotation, a blank node in it); this counts the brackets as
 * the tokens pass and stops the file at the first one too deep.
 */
final class NestingBound implements Tokenizer {

    /** Levels of brackets allowed inside each other; far beyond data, far below the stack. */
    static final int MAX_DEPTH = 64;

    /** A file nests deeper than {@link #MAX_DEPTH}. */
    static final class TooDeepException extends RuntimeException {

        private final long line;

        TooDeepException(long line) {
            this(line, "blank-node property lists [ ], collections ( ), annotations {| |} and triple terms << >> inside"
                    + " each other");
        }

        TooDeepException(long line, String what) {
            super("Nesting deeper than " + MAX_DEPTH + " levels at line " + line + " (" + what
                    + "): name the inner resources with IRIs of their own and state them on their own.",
                    null, false, false);
            this.line = line;
        }

        long line() {
            return line;
        }
    }

    private final Tokenizer tokens;
    private int depth;

    /**
     * Bounds JSON's nesting of objects and arrays, which the JSON-LD parser reads recursively,
     * counting brackets outside strings as the text passes.
     */
    static Reader json(Reader text) {
        return new Depths(text) {
            private boolean inString;
            private boolean escaped;

            @Override
            void next(char c) {
                if (inString) {
                    if (escaped) {
                        escaped = false;
                    } else if (c == '\\') {
                        escaped = true;
                    } else if (c == '"') {
                        inString = false;
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    deeper("JSON objects { } and arrays [ ] inside each other");
                } else if (c == '}' || c == ']') {
                    depth--;
                }
            }
        };
    }

    /**
     * Bounds XML's nesting of elements, which the RDF/XML parser reads recursively: a start tag
     * goes one level down, an end tag or the end of an empty element {@code />} one up; comments,
     * CDATA sections, declarations and quoted attribute values are skipped.
     */
    static Reader xml(Reader text) {
        return new Depths(text) {
            private final StringBuilder recent = new StringBuilder();
            private char quote;
            private boolean inTag;
            private String skipUntil;
            private char previous;

            @Override
            void next(char c) {
                if (skipUntil != null) {
                    recent.append(c);
                    if (recent.length() > 3) {
                        recent.deleteCharAt(0);
                    }
                    if (recent.toString().endsWith(skipUntil)) {
                        skipUntil = null;
                        recent.setLength(0);
                    }
                } else if (inTag) {
                    if (quote != 0) {
                        if (c == quote) {
                            quote = 0;
                        }
                    } else if (c == '"' || c == '\'') {
                        quote = c;
                    } else if (c == '>') {
                        inTag = false;
                        if (previous == '/') {
                            depth--;
                        }
                    } else if (previous == '<') {
                        if (c == '/') {
                            depth--;
                        } else if (c == '!' || c == '?') {
                            // A comment, CDATA section, declaration or processing instruction: no element.
                            inTag = false;
                            skipUntil = c == '?' ? "?>" : null;
                            pendingBang = c == '!';
                        } else {
                            deeper("XML elements inside each other");
                        }
                    }
                } else if (pendingBang) {
                    bang.append(c);
                    if (bang.toString().equals("--")) {
                        skipUntil = "-->";
                        bang.setLength(0);
                        pendingBang = false;
                    } else if (bang.toString().equals("[CDATA[")) {
                        skipUntil = "]]>";
                        bang.setLength(0);
                        pendingBang = false;
                    } else if (!"--".startsWith(bang.toString()) && !"[CDATA[".startsWith(bang.toString())) {
                        // A declaration such as <!DOCTYPE ...>: up to its end, with no elements in it here.
                        skipUntil = ">";
                        bang.setLength(0);
                        pendingBang = false;
                    }
                } else if (c == '<') {
                    inTag = true;
                }
                previous = c;
            }

            private boolean pendingBang;
            private final StringBuilder bang = new StringBuilder();
        };
    }

    /** A reader that follows each character to keep a depth, and stops the text when it goes too deep. */
    private abstract static class Depths extends FilterReader {

        int depth;
        private long line = 1;

        Depths(Reader in) {
            super(in);
        }

        abstract void next(char c);

        void deeper(String what) {
            if (++depth > MAX_DEPTH) {
                throw new TooDeepException(line, what);
            }
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                follow((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] chars, int off, int len) throws IOException {
            int n = super.read(chars, off, len);
            for (int i = off; i < off + n; i++) {
                follow(chars[i]);
            }
            return n;
        }

        private void follow(char c) {
            if (c == '\n') {
                line++;
            }
            next(c);
        }
    }

    NestingBound(Tokenizer tokens) {
        this.tokens = tokens;
    }

    @Override
    public Token next() {
        Token token = tokens.next();
        switch (token.getType()) {
            case LBRACKET, LPAREN, LT2, L_TRIPLE, L_ANN, LBRACE -> {
                if (++depth > MAX_DEPTH) {
                    throw new TooDeepException(token.getLine());
                }
            }
            case RBRACKET, RPAREN, GT2, R_TRIPLE, R_ANN, RBRACE -> depth--;
            default -> {
            }
        }
        return token;
    }

    @Override
    public boolean hasNext() {
        return tokens.hasNext();
    }

    @Override
    public Token peek() {
        return tokens.peek();
    }

    @Override
    public boolean eof() {
        return tokens.eof();
    }

    @Override
    public long getLine() {
        return tokens.getLine();
    }

    @Override
    public long getColumn() {
        return tokens.getColumn();
    }

    @Override
    public void close() {
        tokens.close();
    }
}
