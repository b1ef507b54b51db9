package io.cigraph.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The service's API key, compared in constant time. */
final class ApiKey {

    static final String HEADER = "X-API-Key";

    private final byte[] key;

    ApiKey(String key) {
        this.key = key == null || key.isBlank() ? null : key.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether a key is configured at all; without one, writes are refused. */
    boolean configured() {
        return key != null;
    }

    /** Whether a caller's header value is the key. */
    boolean matches(String given) {
        return key != null && given != null && MessageDigest.isEqual(key, given.getBytes(StandardCharsets.UTF_8));
    }
}
