package io.tradehost.admin.http;

import io.tradehost.admin.snapshot.HostSnapshot;
import io.tradehost.admin.snapshot.SnapshotPublisher;
import java.io.IOException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
/**
 * {@code GET /api/v1/events}: server-sent events, a {@code status} item first, then what the
 * stream fans out, with a keep-alive comment when nothing happens so that idle timeouts do not cut
 * a quiet stream. Holds the request's virtual thread for as long as the client listens.
 */
final class StreamRoute {
    private final EventStream stream;
    private final SnapshotPublisher snapshots;
    private final long keepAliveMillis;

    StreamRoute(EventStream stream, SnapshotPublisher snapshots, long keepAliveMillis) {
        this.stream = stream;
        this.snapshots = snapshots;
        this.keepAliveMillis = keepAliveMillis;
    }

    void handle(Response response, Callback callback) {
        EventStream.Client client = stream.open();
        if (client == null) {
            ApiHandler.reply(response, callback, 503, Json.error(503, "too many event stream clients"));
            return;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        try {
            HostSnapshot s = snapshots.latest();
            write(response, ": tradehost event stream\n\n"
                    + (s == null ? "" : "event: status\ndata: " + Json.text(Json.status(s)) + "\n\n"));
            while (true) {
                EventStream.Item item = client.next(keepAliveMillis);
                if (item == EventStream.CLOSED) {
                    break;
                }
                write(response, item == null ? ": keep-alive\n\n" : "event: " + item.name + "\ndata: " + item.data()
                        + "\n\n");
            }
            Content.Sink.write(response, true, "", callback);
        } catch (IOException e) {
            callback.failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
        } finally {
            stream.close(client);
        }
    }

    private static void write(Response response, String text) throws IOException {
        try (Blocker.Callback blocker = Blocker.callback()) {
            Content.Sink.write(response, false, text, blocker);
            blocker.block();
        }
    }
}
