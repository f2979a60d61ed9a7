package io.tradehost.plugins.venue.coinbase.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An answer body read as UTF-8 text up to a limit: one that declares or streams more fails the call
 * with {@link TooLarge} as soon as it is known, instead of being held whole. Called by the HTTP
 * client, one signal at a time.
 */
final class BoundedAnswer implements HttpResponse.BodySubscriber<String> {
    /** The answer was longer than the limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("the answer exceeded " + limit + " bytes");
        }
    }

    private final int limit;
    private final boolean declaredTooLarge;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<String> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private BoundedAnswer(int limit, boolean declaredTooLarge) {
        this.limit = limit;
        this.declaredTooLarge = declaredTooLarge;
    }

    /** Reads answers of at most {@code limit} bytes. */
    static HttpResponse.BodyHandler<String> handler(int limit) {
        return info -> new BoundedAnswer(limit, info.headers().firstValueAsLong("Content-Length").orElse(0) > limit);
    }

    @Override
    public CompletionStage<String> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (declaredTooLarge) {
            tooLarge();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
            if (body.isDone()) {
                return;
            }
            if (bytes.size() + (long) item.remaining() > limit) {
                tooLarge();
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
    }

    private void tooLarge() {
        subscription.cancel();
        body.completeExceptionally(new TooLarge(limit));
    }

    @Override
    public void onError(Throwable error) {
        body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        body.complete(bytes.toString(StandardCharsets.UTF_8));
    }
}
