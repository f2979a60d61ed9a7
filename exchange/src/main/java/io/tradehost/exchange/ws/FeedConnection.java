package io.tradehost.exchange.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.exchange.fault.Fault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's feed connection: its subscriptions per channel and its own {@code sequence_num}
 * counter, shared by every channel on the connection (a subscription acknowledgement counts too).
 * Messages are numbered and sent under this object's lock, so numbers leave in order unless a fault
 * says otherwise. A client message over {@link #MAX_MESSAGE_BYTES} closes the connection with 1009
 * (message too large). A Jetty core frame handler (no reflection: it works the same on the module
 * path), so it counts message sizes itself: Jetty's message limits apply to its message handlers
 * only. Thread-safe.
 */
final class FeedConnection implements FrameHandler {
    /**
     * The largest message a client may send: Coinbase's client messages are subscribe and
     * unsubscribe requests of a few hundred bytes (a JWT included).
     */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(FeedConnection.class);

    private final StreamHub hub;
    private final boolean userEndpoint;
    private final Map<String, Set<String>> subscriptions = new LinkedHashMap<>();
    private volatile CoreSession session;
    /** The text message being assembled, bytes until its last frame (a frame may split a character). */
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    /** The opcode of the message under way (TEXT or BINARY), or -1 between messages. */
    private byte messageType = -1;
    /** The size of the message under way, binary ones (read and dropped) included. */
    private long messageBytes;
    /** Set once the client sent a message over the cap: the rest of its frames are dropped unread. */
    private boolean refused;
    private long sequence;
    private String heldForReorder;
    private long heartbeatCounter;

    FeedConnection(StreamHub hub, boolean userEndpoint) {
        this.hub = hub;
        this.userEndpoint = userEndpoint;
    }

    @Override
    public void onOpen(CoreSession opened, Callback callback) {
        this.session = opened;
        hub.opened(this);
        callback.succeeded();
        opened.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        byte op = frame.getOpCode();
        String whole = null;
        if (op == OpCode.TEXT || op == OpCode.BINARY || op == OpCode.CONTINUATION) {
            whole = data(op, frame);
        } else if (op == OpCode.PING) {
            CoreSession s = session;
            if (s != null) {
                s.sendFrame(new Frame(OpCode.PONG, frame.getPayload()), Callback.NOOP, false);
            }
        }
        callback.succeeded();
        if (whole != null) {
            text(whole);
        }
        CoreSession s = session;
        if (s != null && op != OpCode.CLOSE) {
            s.demand();
        }
    }

    /**
     * Adds a data frame to the message under way; the whole text once its last frame is in, else
     * null. Binary messages are read and dropped (Coinbase's clients send text). A message that
     * passes {@link #MAX_MESSAGE_BYTES}, however it is split, closes the connection with 1009.
     */
    private String data(byte op, Frame frame) {
        if (refused) {
            return null;
        }
        if (op != OpCode.CONTINUATION) {
            partial.reset();
            messageBytes = 0;
            messageType = op;
        } else if (messageType < 0) {
            refuse(CloseStatus.PROTOCOL, "continuation frame without a message");
            return null;
        }
        int length = frame.getPayloadLength();
        messageBytes += length;
        if (messageBytes > MAX_MESSAGE_BYTES) {
            refuse(CloseStatus.MESSAGE_TOO_LARGE, "message larger than " + MAX_MESSAGE_BYTES + " bytes");
            return null;
        }
        if (messageType == OpCode.TEXT && length > 0) {
            ByteBuffer payload = frame.getPayload().slice();
            byte[] bytes = new byte[length];
            payload.get(bytes);
            partial.write(bytes, 0, length);
        }
        if (!frame.isFin()) {
            return null;
        }
        boolean text = messageType == OpCode.TEXT;
        messageType = -1;
        String whole = text ? partial.toString(StandardCharsets.UTF_8) : null;
        partial.reset();
        return whole;
    }

    /** Closes with {@code code}; frames the client still sends are dropped, never buffered. */
    private void refuse(int code, String reason) {
        refused = true;
        partial.reset();
        messageType = -1;
        LOG.debug("feed connection closed: {}", reason);
        closeFrame(code, reason);
    }

    private void text(String text) {
        JsonNode message;
        try {
            message = StreamHub.JSON.readTree(text);
        } catch (IOException e) {
            error("malformed message: not JSON");
            return;
        }
        String type = message.path("type").asText("");
        String channel = message.path("channel").asText("");
        if (!type.equals("subscribe") && !type.equals("unsubscribe")) {
            error("unknown message type '" + type + "'");
            return;
        }
        if (!StreamHub.CHANNELS.contains(channel)) {
            error("Failed to subscribe: unknown channel '" + channel + "'");
            return;
        }
        Set<String> products = new LinkedHashSet<>();
        message.path("product_ids").forEach(p -> products.add(p.asText()));
        if (channel.equals("user") || hub.requiresAuth(channel)) {
            String refusal = hub.authenticate(message.path("jwt").asText(null));
            if (refusal != null) {
                error("authentication failure: " + refusal);
                return;
            }
        }
        for (String p : products) {
            if (!channel.equals("user") && !channel.equals("heartbeats") && !hub.lists(p)) {
                error("Failed to subscribe: unknown product '" + p + "'");
                return;
            }
        }
        if (channel.equals("market_trades")) {
            // the hub sends trades under this lock: none can slip in between the subscription and
            // its snapshot (it would arrive first) or be left out of both
            synchronized (hub.tape()) {
                apply(type, channel, products);
            }
        } else {
            apply(type, channel, products);
        }
    }

    /** Changes the subscriptions, acknowledges, and sends the snapshot a subscription gets. */
    private void apply(String type, String channel, Set<String> products) {
        synchronized (this) {
            if (type.equals("subscribe")) {
                subscriptions.computeIfAbsent(channel, c -> new LinkedHashSet<>()).addAll(products);
            } else {
                Set<String> current = subscriptions.get(channel);
                if (current != null) {
                    current.removeAll(products);
                    if (products.isEmpty() || current.isEmpty()) {
                        subscriptions.remove(channel);
                    }
                }
            }
            ObjectNode ack = StreamHub.JSON.createObjectNode();
            ObjectNode subs = ack.putObject("subscriptions");
            subscriptions.forEach((c, ps) -> {
                ArrayNode list = subs.putArray(c);
                ps.forEach(list::add);
            });
            send("subscriptions", ack);
        }
        if (type.equals("subscribe")) {
            hub.subscribed(this, channel, products);
        }
    }

    @Override
    public void onClosed(CloseStatus status, Callback callback) {
        hub.closed(this);
        callback.succeeded();
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        LOG.debug("feed connection error: {}", cause.toString());
        hub.closed(this);
        callback.succeeded();
    }

    boolean isUserEndpoint() {
        return userEndpoint;
    }

    synchronized boolean hasSubscribed() {
        return !subscriptions.isEmpty();
    }

    /** Whether this connection gets {@code channel} for {@code productId} (null: any product). */
    synchronized boolean wants(String channel, String productId) {
        Set<String> products = subscriptions.get(channel);
        if (products == null) {
            return false;
        }
        return productId == null || products.isEmpty() || products.contains(productId);
    }

    synchronized long nextHeartbeat() {
        return ++heartbeatCounter;
    }

    /**
     * Numbers and sends one message of {@code channel} with {@code events} (a single event object,
     * or the ack's subscriptions object), applying any armed sequence fault.
     */
    synchronized void send(String channel, ObjectNode event) {
        CoreSession s = session;
        if (s == null || !s.isOutputOpen() || hub.isSilent()) {
            return;
        }
        if (hub.faults().take(Fault.DROP_SEQUENCE)) {
            sequence++;
        }
        ObjectNode envelope = StreamHub.JSON.createObjectNode();
        envelope.put("channel", channel);
        envelope.put("client_id", "");
        envelope.put("timestamp", Instant.ofEpochMilli(hub.millis()).toString());
        envelope.put("sequence_num", sequence++);
        envelope.putArray("events").add(event);
        String text = envelope.toString();
        if (heldForReorder == null && hub.faults().take(Fault.REORDER_SEQUENCE)) {
            heldForReorder = text;
            return;
        }
        hub.countSent(text.length());
        s.sendFrame(new Frame(OpCode.TEXT, text), Callback.NOOP, false);
        if (heldForReorder != null) {
            String held = heldForReorder;
            heldForReorder = null;
            hub.countSent(held.length());
            s.sendFrame(new Frame(OpCode.TEXT, held), Callback.NOOP, false);
        }
    }

    /** Sends an {@code error} message (not numbered, as Coinbase's are not part of a channel). */
    void error(String message) {
        CoreSession s = session;
        if (s != null && s.isOutputOpen()) {
            ObjectNode error = StreamHub.JSON.createObjectNode();
            error.put("type", "error");
            error.put("message", message);
            s.sendFrame(new Frame(OpCode.TEXT, error.toString()), Callback.NOOP, false);
        }
    }

    /** Drops the TCP connection without a close frame. */
    void disconnect() {
        CoreSession s = session;
        if (s != null) {
            s.abort();
        }
    }

    /** Sends a close frame. */
    void closeFrame(int code, String reason) {
        CoreSession s = session;
        if (s != null && s.isOutputOpen()) {
            s.close(code, reason, Callback.NOOP);
        }
    }
}
