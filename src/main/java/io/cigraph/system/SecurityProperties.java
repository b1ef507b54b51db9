package io.cigraph.system;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Write protection.
 *
 * @param apiKey     key that callers send in the {@code X-API-Key} header to write; when unset,
 *                   writes are refused altogether
 * @param writePaths path patterns that write and so need the key
 */
@ConfigurationProperties("cigraph.security")
record SecurityProperties(String apiKey, @DefaultValue("/api/imports/**") List<String> writePaths) {
}
