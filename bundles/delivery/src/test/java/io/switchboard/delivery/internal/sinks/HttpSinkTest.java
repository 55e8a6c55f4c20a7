package io.switchboard.delivery.internal.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.switchboard.delivery.DeliveryResult;
import io.switchboard.dispatch.Message;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;

class HttpSinkTest {

    private HttpServer server;
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<String> key = new AtomicReference<>();
    private final AtomicReference<String> header = new AtomicReference<>();
    private final AtomicReference<String> body = new AtomicReference<>();
    private final AtomicReference<com.sun.net.httpserver.Headers> headers = new AtomicReference<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/in", exchange -> {
            requests.incrementAndGet();
            headers.set(exchange.getRequestHeaders());
            body.set(new String(exchange.getRequestBody().readAllBytes()));
            key.set(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            header.set(exchange.getRequestHeaders().getFirst("customer"));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** An annotation-typed configuration, as DS would make it. */
    private static HttpSinkConfiguration config(String url, String timeout, String... headers) {
        return (HttpSinkConfiguration) Proxy.newProxyInstance(HttpSinkConfiguration.class.getClassLoader(),
                new Class<?>[] {HttpSinkConfiguration.class}, (p, m, a) -> switch (m.getName()) {
                    case "endpoint" -> "";
                    case "url" -> url;
                    case "timeout" -> timeout;
                    case "headers" -> headers;
                    default -> throw new AssertionError("HttpSink read " + m.getName() + ", which this test does not set");
                });
    }

    private static BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (p, m, a) -> null);
    }

    private HttpSink sink() {
        return new HttpSink(context(), config("http://127.0.0.1:" + server.getAddress().getPort() + "/in", "2s",
                "X-Api-Key: secret"), Map.of("service.pid", "io.switchboard.delivery.http~orders"));
    }

    @Test
    void aTwoHundredIsDeliveredWithTheIdAsIdempotencyKeyAndTheHeaders() throws Exception {
        DeliveryResult r = sink().deliver(Message.builder("orders.created").id("m-1").header("customer", "7")
                .json(Map.of("n", 1)).build());
        assertEquals(DeliveryResult.Outcome.DELIVERED, r.outcome());
        assertEquals("m-1", key.get());
        assertEquals("7", header.get());
        assertEquals("{\"n\":1}", body.get());
    }

    @Test
    void theConfiguredHeadersWinAndAMessageNeverSetsCredentialsHopByHopOrForwardingHeaders() throws Exception {
        HttpSink sink = new HttpSink(context(), config("http://127.0.0.1:" + server.getAddress().getPort() + "/in", "2s",
                "Authorization: Bearer configured", "X-Api-Key: secret"),
                Map.of("service.pid", "io.switchboard.delivery.http~orders"));
        Message hostile = Message.builder("orders.created").id("m-2").header("Authorization", "Bearer stolen")
                .header("x-api-key", "mine").header("Cookie", "session=x").header("Proxy-Authorization", "Basic x")
                .header("X-Forwarded-For", "10.0.0.1").header("Transfer-Encoding", "chunked")
                .header("Idempotency-Key", "forged").header("customer", "7").json(Map.of("n", 1)).build();
        assertEquals(DeliveryResult.Outcome.DELIVERED, sink.deliver(hostile).outcome());
        var got = headers.get();
        assertEquals(java.util.List.of("Bearer configured"), got.get("Authorization"));
        assertEquals(java.util.List.of("secret"), got.get("X-Api-Key"));
        assertEquals(java.util.List.of("m-2"), got.get("Idempotency-Key"));
        for (String never : new String[] {"Cookie", "Proxy-Authorization", "X-Forwarded-For"}) {
            assertEquals(null, got.get(never), never + " is not the message's to set");
        }
        assertEquals("7", got.getFirst("customer"), "other headers go out as before");
    }

    @Test
    void aHeaderValueHttpCannotCarryIsThatMessagesPermanentFailureAndNothingIsSent() throws Exception {
        HttpSink sink = sink();
        for (String bad : new String[] {"a\nInjected: 1", "a\r\nb", "bell\u0007"}) {
            DeliveryResult r = sink.deliver(Message.builder("x").id("m-3").header("X-Note", bad).build());
            assertEquals(DeliveryResult.Outcome.PERMANENT_FAILURE, r.outcome(), bad.strip());
            assertTrue(r.untried(), "refused before the endpoint was tried: not the endpoint's failure");
            assertTrue(r.reason().startsWith("header X-Note: its value has a line break"), r.reason());
            assertTrue(!r.reason().contains("Injected"), "the value is not echoed: " + r.reason());
        }
        DeliveryResult badId = sink.deliver(Message.builder("x").id("m\n4").build());
        assertEquals(DeliveryResult.Outcome.PERMANENT_FAILURE, badId.outcome());
        assertTrue(badId.untried());
        assertTrue(badId.reason().startsWith("message id:"), badId.reason());
        assertEquals(0, requests.get(), "nothing went out");
        assertEquals(DeliveryResult.Outcome.DELIVERED, sink.deliver(Message.builder("x").id("m-5").build()).outcome());
    }

    @Test
    void serverErrorsAndThrottlingAreTransientOtherClientErrorsPermanent() throws Exception {
        HttpSink sink = sink();
        Message m = Message.builder("x").id("m-1").build();
        for (int s : new int[] {500, 503, 429, 408}) {
            status.set(s);
            assertEquals(DeliveryResult.Outcome.TRANSIENT_FAILURE, sink.deliver(m).outcome(), "HTTP " + s);
        }
        for (int s : new int[] {400, 404, 422}) {
            status.set(s);
            DeliveryResult r = sink.deliver(m);
            assertEquals(DeliveryResult.Outcome.PERMANENT_FAILURE, r.outcome(), "HTTP " + s);
            assertTrue(r.reason().startsWith("HTTP " + s), r.reason());
        }
    }

    @Test
    void aRefusedConnectionIsTransient() throws Exception {
        HttpSink sink = sink();
        server.stop(0);
        assertEquals(DeliveryResult.Outcome.TRANSIENT_FAILURE, sink.deliver(Message.builder("x").id("m").build())
                .outcome());
    }

    @Test
    void badConfigurationNamesTheField() {
        Map<String, Object> pid = Map.of("service.pid", "io.switchboard.delivery.http~orders");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HttpSink.parse(config("ftp://host/x", "1s"), pid));
        assertTrue(e.getMessage().contains("url = 'ftp://host/x'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HttpSink.parse(config("http://h/x", "soon"), pid));
        assertTrue(e.getMessage().contains("timeout = 'soon'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> HttpSink.parse(config("http://h/x", "1s", "no colon"), pid));
        assertTrue(e.getMessage().contains("headers: 'no colon'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HttpSink.parse(config("http://h/x", "1s"),
                Map.of("service.pid", "io.switchboard.delivery.http~bad name")));
        assertTrue(e.getMessage().contains("endpoint = 'bad name'"), e.getMessage());
    }
}
