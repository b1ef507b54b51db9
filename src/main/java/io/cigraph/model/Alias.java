package io.cigraph.model;

import java.util.Objects;

/** Another name of a resource in one language ({@code "华为"} in {@code zh}). */
public record Alias(String text, String language) {

    public Alias {
        Objects.requireNonNull(text, "alias text is required");
        Objects.requireNonNull(language, "alias language is required");
    }
}
