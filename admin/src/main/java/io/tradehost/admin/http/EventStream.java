package io.tradehost.admin.http;

import io.tradehost.admin.snapshot.HostSnapshot;
import io.tradehost.api.event.Event;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
/**
 * Fans events out to the live stream's clients. {@link #offer} never blocks (it runs on the kernel
 * thread): each client has a bounded queue, and a client too slow to keep up is dropped (it may
 * reconnect and read the state again). Events are turned into JSON once, by the first client
 * thread that needs them. Thread-safe.
 */
public final class EventStream {
    /** One item of the stream: its name and its JSON, made on first use. */
    static final class Item {
        final String name;
        private final Supplier<String> maker;
        private volatile String data;

        Item(String name, Supplier<String> maker) {
            this.name = name;
            this.maker = maker;
        }

        String data() {
            String d = data;
            if (d == null) {
                d = maker.get();
                data = d;
            }
            return d;
        }
    }

    static final Item CLOSED = new Item("closed", () -> "{}");

    /** One connected client. */
    static final class Client {
        private final BlockingQueue<Item> queue;
        private volatile boolean overflowed;

        Client(int capacity) {
            queue = new ArrayBlockingQueue<>(capacity);
        }

        /** The next item within {@code timeoutMillis}, null if none, {@link #CLOSED} when dropped or closed. */
        Item next(long timeoutMillis) throws InterruptedException {
            if (overflowed) {
                return CLOSED;
            }
            return queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        }

        void offer(Item item) {
            if (!queue.offer(item)) {
                overflowed = true;
                queue.clear();
                queue.offer(CLOSED);
            }
        }
    }

    private final Set<Client> clients = new CopyOnWriteArraySet<>();
    private final int capacity;
    private final int maxClients;
    private volatile boolean closed;

    /**
     * @param capacity items a client may fall behind by before it is dropped
     * @param maxClients clients served at once
     */
    public EventStream(int capacity, int maxClients) {
        this.capacity = capacity;
        this.maxClients = maxClients;
    }

    /** Streams {@code event} if it is of a streamed kind. Never blocks. */
    public void offer(Event event) {
        if (clients.isEmpty()) {
            return;
        }
        String name = Json.streamName(event);
        if (name != null) {
            broadcast(new Item(name, () -> Json.text(Json.event(event))));
        }
    }

    /** Streams a {@code status} item for {@code snapshot}. Never blocks. */
    public void status(HostSnapshot snapshot) {
        if (!clients.isEmpty()) {
            broadcast(new Item("status", () -> Json.text(Json.status(snapshot))));
        }
    }

    private void broadcast(Item item) {
        for (Client c : clients) {
            c.offer(item);
        }
    }

    /** A new client, or null when {@code maxClients} are connected or the stream is closed. */
    Client open() {
        if (closed || clients.size() >= maxClients) {
            return null;
        }
        Client c = new Client(capacity);
        clients.add(c);
        return c;
    }

    void close(Client client) {
        clients.remove(client);
    }

    /** Clients connected now. */
    public int clientCount() {
        return clients.size();
    }

    /** Ends every client's stream; no new ones are accepted. */
    public void closeAll() {
        closed = true;
        for (Client c : clients) {
            c.overflowed = true;
            c.queue.offer(CLOSED);
        }
    }
}
