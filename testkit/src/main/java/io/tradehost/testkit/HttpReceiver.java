package io.tradehost.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
/**
 * A local HTTP receiver on a free loopback port: records each request (path and body) and answers
 * with the next scripted status (200 when the script is empty); a status of 0 means "hang": read
 * the request and never answer (nor accept another) until closed.
 */
public final class HttpReceiver implements AutoCloseable {
    /** One request as received. */
    public record Request(String path, String body) {
    }

    private final ServerSocket server;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
    /** Every request so far, oldest first. */
    public final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();

    /** Starts on a free loopback port, answering with {@code statuses} in turn, then 200. */
    public HttpReceiver(Integer... statuses) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        script.addAll(List.of(statuses));
        thread = Thread.ofPlatform().daemon(true).start(this::serve);
    }

    /** The URL of {@code path} on this receiver. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                String line = in.readLine();
                if (line == null) {
                    continue;
                }
                String path = line.split(" ")[1];
                int length = 0;
                while ((line = in.readLine()) != null && !line.isEmpty()) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                char[] body = new char[length];
                int read = 0;
                while (read < length) {
                    read += in.read(body, read, length - read);
                }
                requests.add(new Request(path, new String(body)));
                Integer status = script.poll();
                int code = status == null ? 200 : status;
                if (code == 0) {
                    Thread.sleep(Long.MAX_VALUE >> 1);
                }
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 " + code + " X\r\nContent-Length: 0\r\n" + (code == 429 ? "Retry-After: 0\r\n" : "")
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // a client that went away; or the server closed
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The next request within five seconds, or null. */
    public Request next() throws InterruptedException {
        return requests.poll(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        thread.interrupt();
        server.close();
    }
}
