package io.cigraph.graph;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque page cursors: callers pass back what they were given, never build one. */
final class Cursor {

    private static final String PREFIX = "o:";

    private Cursor() {
    }

    static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    static int decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int offset = text.startsWith(PREFIX) ? Integer.parseInt(text.substring(PREFIX.length())) : -1;
            if (offset >= 0) {
                return offset;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidQueryException("cursor", "The cursor is not one this service gave out; pass back nextCursor from the previous page, or leave it out for the first page.");
    }
}
