package io.cigraph.importing;

import org.apache.jena.riot.tokens.Token;
import org.apache.jena.riot.tokens.Tokenizer;

/**
 * Bounds how deep Turtle nests. Jena's parser descends one level of recursion for each blank-node
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
            super("Nesting deeper than " + MAX_DEPTH + " levels at line " + line
                    + " (blank-node property lists [ ], collections ( ), annotations {| |} and triple terms << >> inside"
                    + " each other): name the inner resources with IRIs of their own and state them on their own.",
                    null, false, false);
            this.line = line;
        }

        long line() {
            return line;
        }
    }

    private final Tokenizer tokens;
    private int depth;

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
