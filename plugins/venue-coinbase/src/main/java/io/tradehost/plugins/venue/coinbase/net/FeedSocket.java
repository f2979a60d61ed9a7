package io.tradehost.plugins.venue.coinbase.net;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WebSocket connection over the JDK client, delivering whole text messages however many frames
 * they came in (a level2 snapshot runs to megabytes, so there is no size limit beyond
 * {@code maxMessageChars}) and reporting the end of the connection exactly once, whether by close
 * frame, error or {@link #abort}. Messages arrive one at a time on the client's executor; the handler
 * may block. Thread-safe.
 */
public final class FeedSocket {
    /** What the connection delivers. */
    public interface Handler {
        /** One whole text message. */
        void onMessage(String text);

        /** The connection ended; called once. */
        void onClosed(String why);
    }

    private final WebSocket socket;
    private final AtomicBoolean ended;
    private final Handler handler;
    /** The JDK client allows one outstanding send: each waits for the one before. */
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    private FeedSocket(WebSocket socket, AtomicBoolean ended, Handler handler) {
        this.socket = socket;
        this.ended = ended;
        this.handler = handler;
    }

    /** Opens a connection to {@code uri}; the future fails if the handshake does. */
    public static CompletableFuture<FeedSocket> connect(HttpClient http, URI uri, Duration timeout,
                                                        int maxMessageChars, Handler handler) {
        AtomicBoolean ended = new AtomicBoolean();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                if (partial.length() + data.length() > maxMessageChars) {
                    partial.setLength(0);
                    end(webSocket, "a message exceeded " + maxMessageChars + " characters");
                    return null;
                }
                partial.append(data);
                if (last) {
                    String text = partial.toString();
                    partial.setLength(0);
                    if (!ended.get()) {
                        handler.onMessage(text);
                    }
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                finish("closed by the venue (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason)
                        + ")");
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                finish("connection failed: " + error.getClass().getSimpleName()
                        + (error.getMessage() == null ? "" : " " + error.getMessage()));
            }

            private void end(WebSocket webSocket, String why) {
                webSocket.abort();
                finish(why);
            }

            private void finish(String why) {
                if (ended.compareAndSet(false, true)) {
                    handler.onClosed(why);
                }
            }
        };
        return http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, listener)
                .thenApply(ws -> new FeedSocket(ws, ended, handler));
    }

    /** Sends one text message after the ones before it; a failure ends the connection. */
    public synchronized void send(String text) {
        sending = sending.thenCompose(previous -> socket.sendText(text, true)).exceptionally(e -> {
            abort(handler, "sending failed: " + e.getClass().getSimpleName());
            return null;
        });
    }

    /** Drops the connection at once; the handler hears {@code why} unless the connection had already ended. */
    public void abort(Handler handler, String why) {
        socket.abort();
        if (ended.compareAndSet(false, true)) {
            handler.onClosed(why);
        }
    }

    /** An HttpClient whose callbacks (and so feed handlers) run on virtual threads. */
    public static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout)
                .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()).build();
    }
}
