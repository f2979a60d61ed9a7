package io.tradehost.admin.http;

import org.eclipse.jetty.http.HttpFields;

/**
 * The headers every answer of the admin server carries, those of the API's routes and those Jetty
 * writes itself for a request it refused before any route saw it (400, 413, 414, 431). Stateless.
 */
final class SecurityHeaders {
    private SecurityHeaders() {
    }

    static void put(HttpFields.Mutable headers) {
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Cache-Control", "no-store");
    }
}
