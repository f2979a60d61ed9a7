package io.tradehost.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
/**
 * A deliberately small HTTP/1.1 client over a plain socket, so that tests can also send what no
 * well-behaved client would (malformed lines, huge headers, random bytes, half a request).
 */
final class RawHttp {
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final int port;
    private final int timeoutMillis;

    RawHttp(int port) {
        this(port, 10_000);
    }

    /** A client whose connect and every read give up after {@code timeoutMillis}. */
    RawHttp(int port, int timeoutMillis) {
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), Math.min(5_000, timeoutMillis));
        s.setSoTimeout(timeoutMillis);
        return s;
    }

    Response get(String path, String token) throws IOException {
        return send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "Connection: close\r\n\r\n");
    }

    Response post(String path, String token, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n" + body);
    }

    Response send(String raw) throws IOException {
        return send(raw.getBytes(StandardCharsets.UTF_8));
    }

    Response send(byte[] raw) throws IOException {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write(raw);
            out.flush();
            return read(s.getInputStream());
        }
    }

    /** Whether the server closed {@code socket} (end of stream or a reset) rather than answering on it. */
    static boolean closedByServer(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() == -1;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    static Response read(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String status = reader.readLine();
        if (status == null) {
            return new Response(-1, Map.of(), "");
        }
        int code = Integer.parseInt(status.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while ((line = reader.readLine()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        StringBuilder body = new StringBuilder();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            while (true) {
                String size = reader.readLine();
                int n = Integer.parseInt(size.trim(), 16);
                if (n == 0) {
                    break;
                }
                char[] chunk = new char[n];
                int read = 0;
                while (read < n) {
                    read += reader.read(chunk, read, n - read);
                }
                body.append(chunk);
                reader.readLine();
            }
        } else {
            char[] buffer = new char[8192];
            int n;
            while ((n = reader.read(buffer)) > 0) {
                body.append(buffer, 0, n);
            }
        }
        return new Response(code, headers, body.toString());
    }
}
