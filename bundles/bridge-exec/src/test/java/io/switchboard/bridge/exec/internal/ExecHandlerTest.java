package io.switchboard.bridge.exec.internal;

import static io.switchboard.bridge.exec.internal.Programs.script;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.bridge.BridgeInstance;
import io.switchboard.bridge.BridgeStatus;
import io.switchboard.delivery.DeliveryResult;
import io.switchboard.dispatch.Message;
import io.switchboard.dispatch.MessageHandler;
import io.switchboard.dispatch.RejectedMessageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ExecHandlerTest {

    @TempDir
    Path dir;

    private final BridgeInstance instance = new BridgeInstance("exec", "test", false, Map.of());
    private final List<String> lost = new CopyOnWriteArrayList<>();

    private ExecEndpoint endpoint(ExecSettings settings) {
        Environment environment = new Environment(Programs.PLATFORM, settings.environment());
        Program program = new Program(settings.argv().get(0), settings.directory(), environment.path());
        return new ExecEndpoint(settings, program, environment, Programs.THREADS, instance, lost::add);
    }

    private static Message request(String body) {
        return Message.builder("test.exec").operation("price").id("m-1").header("X-Request-Id", "r-7")
                .body(body.getBytes(), Message.JSON).build();
    }

    @Test
    void anOkExitRepliesWithStdoutAsTextAndCountsOutAndIn() throws Exception {
        ExecEndpoint endpoint = endpoint(TestConfigurations.settings(dir, "/bin/cat"));
        Object reply = new ExecHandler(endpoint, instance).handle(request("{\"sku\":\"A-1\"}"));
        Message m = assertInstanceOf(Message.class, reply);
        assertEquals("{\"sku\":\"A-1\"}", m.bodyText());
        assertEquals("text/plain; charset=utf-8", m.contentType());
        BridgeStatus status = instance.status();
        assertEquals(1, status.out());
        assertEquals(1, status.in());
        assertEquals(0, status.failed());
    }

    @Test
    void theConfiguredContentTypeIsTheReplysAndBytesThatAreNotUtf8AreBytes() throws Exception {
        Message json = (Message) new ExecHandler(endpoint(TestConfigurations.settings(dir, "/bin/cat", "contentType",
                "application/json")), instance).handle(request("{}"));
        assertEquals("application/json", json.contentType());
        Path p = script(dir, "bytes.sh", "printf '\\377\\376'");
        Message bytes = (Message) new ExecHandler(endpoint(TestConfigurations.settings(dir, p.toString())), instance)
                .handle(request("{}"));
        assertEquals("application/octet-stream", bytes.contentType());
        assertEquals(2, bytes.bodySize());
    }

    @Test
    void aPermanentExitIsRejectedWithTheExitCodeAndStderr() {
        Path p = script(dir, "refuses.sh", "echo 'no such sku' >&2", "exit 2");
        ExecHandler handler = new ExecHandler(endpoint(TestConfigurations.settings(dir, p.toString())), instance);
        RejectedMessageException e = assertThrows(RejectedMessageException.class, () -> handler.handle(request("{}")));
        assertEquals("exit 2: no such sku", e.getMessage());
        assertEquals(1, instance.status().failed());
        assertEquals("exit 2: no such sku", instance.status().lastError());
    }

    @Test
    void aTransientExitThrowsSomethingElseSoTheDispatcherRetries() {
        Path p = script(dir, "busy.sh", "echo 'database busy' >&2", "exit 75");
        ExecHandler handler = new ExecHandler(endpoint(TestConfigurations.settings(dir, p.toString())), instance);
        Exception e = assertThrows(Exception.class, () -> handler.handle(request("{}")));
        assertFalse(e instanceof RejectedMessageException);
        assertEquals("exit 75: database busy", e.getMessage());
    }

    @Test
    void theSinkReportsDeliveredTransientOrPermanent() throws Exception {
        Path p = script(dir, "exits.sh", "cat > /dev/null", "exit \"$SB_HEADER_CODE\"");
        ExecSink sink = new ExecSink(endpoint(TestConfigurations.settings(dir, p.toString())));
        for (var expected : Map.of("0", DeliveryResult.Outcome.DELIVERED, "75",
                DeliveryResult.Outcome.TRANSIENT_FAILURE, "1", DeliveryResult.Outcome.PERMANENT_FAILURE).entrySet()) {
            Message m = Message.builder("test.exec").header("code", expected.getKey()).build();
            assertEquals(expected.getValue(), sink.deliver(m).outcome(), "exit " + expected.getKey());
        }
    }

    @Test
    void theProgramSeesTheMessageAndAllowedVariablesButNothingElseOfThePlatform() throws Exception {
        ExecSettings settings = TestConfigurations.settings(dir, "/usr/bin/env", "environment", new String[] {"ALLOWED"});
        String env = ((Message) new ExecHandler(endpoint(settings), instance).handle(request("{}"))).bodyText();
        List<String> lines = env.lines().sorted().toList();
        assertEquals(List.of("ALLOWED=passed", "LANG=C.UTF-8", "PATH=/usr/local/bin:/usr/bin:/bin",
                "SB_CONTENT_TYPE=application/json", "SB_HEADER_X_REQUEST_ID=r-7", "SB_MESSAGE_ID=m-1",
                "SB_OPERATION=price", "SB_TYPE=test.exec"), lines);
    }

    @Test
    void aMissingProgramFailsTheAttemptTransientlyAndSaysItIsLost() throws Exception {
        ExecHandler handler = new ExecHandler(endpoint(TestConfigurations.settings(dir, "./not-there.sh")), instance);
        Exception e = assertThrows(Exception.class, () -> handler.handle(request("{}")));
        assertFalse(e instanceof RejectedMessageException);
        assertEquals(List.of("program " + dir.resolve("not-there.sh") + " does not exist"), lost);
    }

    @Test
    void noMoreThanConcurrencyRunsAtOnce() throws Exception {
        Path p = script(dir, "waits.sh", "touch \"started.$$\"", "while [ ! -e go ]; do sleep 0.05; done");
        ExecHandler handler = new ExecHandler(endpoint(TestConfigurations.settings(dir, p.toString(), "concurrency",
                2)), instance);
        List<CompletableFuture<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return handler.handle(request("{}"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> started() == 2);
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() -> started() == 2);
        Files.createFile(dir.resolve("go"));
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get();
        assertEquals(5, started());
    }

    private long started() throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("started.")).count();
        }
    }

    @Test
    void theHandlerIsRegisteredForTheTypeWithItsLimitsAndTheSinkForTheInstance() {
        ExecSettings settings = TestConfigurations.settings(dir, "/bin/cat", "operations", new String[] {"a, b"},
                "concurrency", 3, "timeout", "10s", "grace", "1s");
        var handler = ExecHandler.properties(settings);
        assertEquals("test.exec", handler.get(MessageHandler.TYPE));
        assertEquals(List.of("a", "b"), List.of((String[]) handler.get(MessageHandler.OPERATIONS)));
        assertEquals(3, handler.get(MessageHandler.CONCURRENCY));
        assertEquals(13_000L, handler.get(MessageHandler.TIMEOUT));
        assertEquals("test", ExecSink.properties(settings).get(io.switchboard.delivery.Sink.ENDPOINT));
        assertTrue(ExecHandler.properties(TestConfigurations.settings(dir, "/bin/cat")).get(MessageHandler.OPERATIONS)
                == null);
    }
}
