package io.tradehost.exchange.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client over a plain socket to 127.0.0.1 that writes frames exactly as told: a
 * message in as many continuation frames as wanted, or a frame header announcing a gigabyte that
 * never comes. Client frames are masked, as RFC 6455 requires. Reads are bounded by a timeout.
 */
public final class RawWebSocket implements AutoCloseable {
    /** Opcodes of RFC 6455. */
    public static final int CONTINUATION = 0x0, TEXT = 0x1, CLOSE = 0x8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    /** A frame as read: opcode and payload. */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame. */
        public int closeCode() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
    }

    /** Connects to {@code path} on 127.0.0.1:{@code port} and completes the opening handshake. */
    public RawWebSocket(int port, String path) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(RawHttp.READ_TIMEOUT_MILLIS);
        out = socket.getOutputStream();
        InputStream raw = socket.getInputStream();
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = raw.read();
            if (b < 0) {
                throw new IOException("closed during the handshake: " + head);
            }
            head.write(b);
        }
        if (!head.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 101")) {
            throw new IOException("no upgrade: " + head);
        }
        in = new DataInputStream(raw);
    }

    /** Sends one masked frame carrying {@code payload}. */
    public void send(int opcode, boolean fin, byte[] payload) throws IOException {
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        writeHeader(opcode, fin, payload.length, mask);
        byte[] masked = payload.clone();
        for (int i = 0; i < masked.length; i++) {
            masked[i] ^= mask[i & 3];
        }
        out.write(masked);
        out.flush();
    }

    public void sendText(String text) throws IOException {
        send(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes a frame header announcing {@code length} payload bytes, then only {@code sent} of them
     * (zeros under an all-zero mask, so the bytes on the wire are the payload itself).
     */
    public void sendPartialFrame(int opcode, long length, int sent) throws IOException {
        writeHeader(opcode, true, length, new byte[4]);
        out.write(new byte[sent]);
        out.flush();
    }

    private void writeHeader(int opcode, boolean fin, long length, byte[] mask) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(14);
        h.put((byte) ((fin ? 0x80 : 0) | opcode));
        if (length < 126) {
            h.put((byte) (0x80 | length));
        } else if (length < 65_536) {
            h.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            h.put((byte) (0x80 | 127)).putLong(length);
        }
        h.put(mask);
        out.write(h.array(), 0, h.position());
    }

    /** The next frame from the server (unmasked, as servers send them). */
    public Frame read() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame(b0 & 0x0f, payload);
    }

    /** Frames until a close frame, which it returns; text frames before it are skipped. */
    public Frame readUntilClose() throws IOException {
        while (true) {
            Frame f = read();
            if (f.opcode() == CLOSE) {
                return f;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
