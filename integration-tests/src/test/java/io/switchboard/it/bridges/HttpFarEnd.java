package io.switchboard.it.bridges;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The far end of an HTTP out bridge in a test: the JDK's own HTTP server. It records every request and answers per
 * body: a body containing {@code refuse} gets 400, {@code busy} gets 503 with {@code Retry-After: 3} the first time
 * (then 200), anything else 200.
 */
final class HttpFarEnd implements AutoCloseable {

    /** One request as it arrived. */
    record Received(Instant at, String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger busyAnswered = new AtomicInteger();

    HttpFarEnd() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void answer(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(Instant.now(), x.getRequestMethod(), x.getRequestURI().toString(),
                Map.copyOf(x.getRequestHeaders()), body));
        int status = 200;
        if (body.contains("refuse")) {
            status = 400;
        } else if (body.contains("busy") && busyAnswered.getAndIncrement() == 0) {
            status = 503;
            x.getResponseHeaders().add("Retry-After", "3");
        }
        byte[] answer = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, answer.length);
        x.getResponseBody().write(answer);
        x.close();
    }

    List<Received> with(String part) {
        return received.stream().filter(r -> r.body().contains(part)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
