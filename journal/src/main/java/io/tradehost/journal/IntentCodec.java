package io.tradehost.journal;

import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.ListLink;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.Trail;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A {@link RecordIntent} as the bytes of an {@link IntentLog} frame, and back. Values go as their
 * journal text (what SQLite stores), enums by name, so that the bytes do not depend on field order
 * or ordinals; a version byte leads. Stateless.
 */
final class IntentCodec {
    private static final byte VERSION = 1;
    private static final byte ABSENT = 0;
    private static final byte PRESENT = 1;

    private IntentCodec() {
    }

    /**
     * Writes {@code intent} at {@code out}'s position.
     *
     * @throws BufferOverflowException if it does not fit before {@code out}'s limit
     */
    static void encode(RecordIntent intent, ByteBuffer out) {
        out.put(VERSION);
        out.putLong(intent.sequence());
        out.putLong(intent.intentSequence());
        out.putLong(intent.timestampNanos());
        OrderRequest r = intent.request();
        text(out, r.clientOrderId().value());
        text(out, r.symbol().value());
        text(out, r.side().name());
        text(out, r.type().name());
        text(out, r.quantity().toString());
        optional(out, r.limitPrice());
        text(out, r.timeInForce().name());
        out.put(r.reduceOnly() ? PRESENT : ABSENT);
        out.put(r.postOnly() ? PRESENT : ABSENT);
        optional(out, r.stopPrice());
        OrderOwner owner = intent.owner();
        text(out, owner.strategy());
        text(out, owner.tag());
        out.put(owner.managed() ? PRESENT : ABSENT);
        out.putLong(owner.expireAtNanos());
        out.put(owner.heldByHost() ? PRESENT : ABSENT);
        optional(out, owner.trail() == null ? null : owner.trail().format());
        ListLink list = owner.list();
        if (list == null) {
            out.put(ABSENT);
        } else {
            out.put(PRESENT);
            out.putLong(list.listId());
            out.putInt(list.member());
            text(out, list.role().name());
        }
    }

    /**
     * Reads what {@link #encode} wrote, from {@code in}'s position to its limit.
     *
     * @throws IllegalArgumentException if the bytes are not such an intent
     */
    static RecordIntent decode(ByteBuffer in) {
        try {
            byte version = in.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("intent format " + version + ", this host reads " + VERSION);
            }
            long sequence = in.getLong();
            long intentSequence = in.getLong();
            long timestamp = in.getLong();
            OrderRequest request = new OrderRequest(ClientOrderId.of(text(in)), Symbol.of(text(in)),
                    Side.valueOf(text(in)), OrderType.valueOf(text(in)), Quantity.of(text(in)), price(in),
                    TimeInForce.valueOf(text(in)), flag(in), flag(in), price(in));
            String strategy = text(in);
            String tag = text(in);
            boolean managed = flag(in);
            long expireAt = in.getLong();
            boolean held = flag(in);
            String trail = optional(in);
            ListLink list = flag(in) ? new ListLink(in.getLong(), in.getInt(), ListLink.Role.valueOf(text(in))) : null;
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " byte(s) after the intent");
            }
            OrderOwner owner = new OrderOwner(strategy, tag, managed, expireAt, held,
                    trail == null ? null : Trail.parse(trail), list);
            return new RecordIntent(request, sequence, intentSequence, timestamp,
                    owner.equals(OrderOwner.NONE) ? OrderOwner.NONE : owner);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("the intent ends early", e);
        }
    }

    private static void optional(ByteBuffer out, Object value) {
        if (value == null) {
            out.put(ABSENT);
        } else {
            out.put(PRESENT);
            text(out, value.toString());
        }
    }

    private static String optional(ByteBuffer in) {
        return flag(in) ? text(in) : null;
    }

    private static Price price(ByteBuffer in) {
        String text = optional(in);
        return text == null ? null : Price.of(text);
    }

    private static boolean flag(ByteBuffer in) {
        byte b = in.get();
        if (b != ABSENT && b != PRESENT) {
            throw new IllegalArgumentException("a flag of " + b);
        }
        return b == PRESENT;
    }

    /** A length, then the UTF-8 bytes; ASCII (all the host's own text) without an intermediate array. */
    private static void text(ByteBuffer out, String s) {
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) {
            out.putInt(n);
            if (out.remaining() < n) {
                throw new BufferOverflowException();
            }
            for (int i = 0; i < n; i++) {
                out.put((byte) s.charAt(i));
            }
        } else {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            out.putInt(bytes.length);
            out.put(bytes);
        }
    }

    private static String text(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("a text of " + n + " byte(s) with " + in.remaining() + " left");
        }
        byte[] bytes = new byte[n];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
