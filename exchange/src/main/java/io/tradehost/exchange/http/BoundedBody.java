package io.tradehost.exchange.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * The one way the exchange reads a request body: refused from its declared length when that is
 * over the cap, else read up to one byte past the cap and refused then, so at most {@code cap + 1}
 * bytes are ever held whatever a client sends or claims. What is left unread Jetty discards when
 * it closes the connection after the answer.
 */
final class BoundedBody {
    private BoundedBody() {
    }

    /** A body over the cap, by its Content-Length or as it streamed in. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("request body too large", null, false, false);
        }
    }

    /** Whether the request declares more than {@code cap} bytes (chunked bodies declare nothing). */
    static boolean declaredOver(Request request, long cap) {
        return request.getLength() > cap;
    }

    /** The body as UTF-8, at most {@code cap} bytes. */
    static String read(Request request, int cap) throws TooLarge {
        if (declaredOver(request, cap)) {
            throw new TooLarge();
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(cap + 1);
            if (bytes.length > cap) {
                throw new TooLarge();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("the request body could not be read: " + e.getMessage(), e);
        }
    }
}
