package io.tradehost.plugins.venue.coinbase;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hostile REST venue on 127.0.0.1 (any free port): HTTP/1.1 by hand, one connection per request,
 * each route answered by whatever bytes a test scripts, well-formed or not. Unscripted routes get
 * 404. Every read is bounded by a socket timeout; closing it stops everything it started.
 */
final class ScriptedServer implements AutoCloseable {
    /** How one request is answered: writes to (or withholds from) the raw connection. */
    @FunctionalInterface
    interface Reply {
        void write(Socket socket) throws IOException;
    }

    private static final int TIMEOUT_MILLIS = 5_000;
    private final ServerSocket server;
    private final Map<String, Reply> routes = new ConcurrentHashMap<>();
    private final Thread acceptor;

    ScriptedServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().name("scripted-server").start(this::accept);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Answers {@code method path} (the path without its query) with {@code reply} from now on. */
    void route(String method, String path, Reply reply) {
        routes.put(method + " " + path, reply);
    }

    /** A complete answer with a Content-Length. */
    static Reply answer(int status, String body, String... headers) {
        return socket -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\n"
                    + "Connection: close\r\nContent-Length: " + bytes.length + "\r\n");
            for (String h : headers) {
                head.append(h).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
        };
    }

    /** 200 with {@code body} sent in chunks of {@code chunk} bytes and no declared length. */
    static Reply chunked(String body, int chunk) {
        return socket -> {
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            for (int at = 0; at < bytes.length; at += chunk) {
                int n = Math.min(chunk, bytes.length - at);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(bytes, at, n);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        };
    }

    /** The head and a first byte of a body that never comes: waits until the client gives up. */
    static Reply stalled() {
        return socket -> {
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                    + "Content-Length: 100\r\n\r\n{").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            try {
                while (socket.getInputStream().read() >= 0) {
                    // the client sends nothing more; the read ends when it hangs up (or times out)
                }
            } catch (SocketTimeoutException e) {
                // bounded: the test has failed by then anyway
            }
        };
    }

    /** Closes the connection without a byte of answer. */
    static Reply hangUp() {
        return socket -> {
        };
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            InputStream in = socket.getInputStream();
            String head = head(in);
            String[] line = head.split("\r\n", 2)[0].split(" ");
            long length = 0;
            for (String h : head.split("\r\n")) {
                if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Long.parseLong(h.substring(15).trim());
                }
            }
            in.readNBytes((int) Math.min(length, 1 << 20));
            String path = line[1].split("\\?", 2)[0];
            routes.getOrDefault(line[0] + " " + path, answer(404, "{\"error\":\"NOT_FOUND\"}")).write(socket);
        } catch (IOException | RuntimeException e) {
            // the client hung up first, or sent what this server does not read: nothing to answer
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while (last4 != 0x0d0a0d0a && head.size() < 65_536 && (b = in.read()) >= 0) {
            head.write(b);
            last4 = last4 << 8 | b;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
