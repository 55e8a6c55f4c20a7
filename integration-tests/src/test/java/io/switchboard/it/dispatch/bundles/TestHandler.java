package io.switchboard.it.dispatch.bundles;

import io.switchboard.dispatch.Delivery;
import io.switchboard.dispatch.DispatchException;
import io.switchboard.dispatch.Message;
import io.switchboard.dispatch.MessageHandler;
import io.switchboard.dispatch.Messenger;
import io.switchboard.dispatch.Wire;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** A handler whose behaviour the test picks by bundle header. */
public final class TestHandler implements MessageHandler {

    private final BundleContext context;
    private final String name;
    private final String behaviour;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    public TestHandler(BundleContext context, String name, String behaviour) {
        this.context = context;
        this.name = name;
        this.behaviour = behaviour == null ? "echo" : behaviour;
    }

    @Override
    public Object handle(Message message) throws Exception {
        int now = running.incrementAndGet();
        mostAtOnce.accumulateAndGet(now, Math::max);
        try {
            return behave(message);
        } finally {
            running.decrementAndGet();
        }
    }

    /** The sleeps below are the slow or hanging work the dispatcher's timeouts and concurrency limits are tested on. */
    private Object behave(Message message) throws Exception {
        switch (behaviour) {
            case "fail":
                throw new IllegalStateException("boom from " + name);
            case "fail-twice":
                if (Integer.parseInt(message.headers().getOrDefault(Wire.ATTEMPTS, "0")) < 2) {
                    throw new IllegalStateException("not yet");
                }
                return echo(message);
            case "hang":
                Thread.sleep(Long.MAX_VALUE);
                return null;
            case "never":
                return new CompletableFuture<>();
            case "slow":
                Thread.sleep(20);
                return echo(message);
            case "sleep":
                Thread.sleep(Long.parseLong(message.bodyText().trim()));
                return echo(message);
            case "ask":
                return ask(message);
            case "modes":
                return modes();
            default:
                return echo(message);
        }
    }

    private Map<String, Object> echo(Message message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("handler", name);
        out.put("type", message.type());
        out.put("operation", message.operation());
        out.put("size", message.bodySize());
        out.put("body", message.bodySize() > 4096 ? "" : message.bodyText());
        out.put("mostAtOnce", mostAtOnce.get());
        return out;
    }

    private Messenger messenger() {
        ServiceReference<Messenger> ref = context.getServiceReference(Messenger.class);
        return context.getService(ref);
    }

    /** Asks late.slow with a short timeout; the body says the late-reply type (or nothing) and the sleep. */
    private Map<String, Object> ask(Message message) throws InterruptedException {
        @SuppressWarnings("unchecked")
        Map<String, Object> args = message.body(Map.class);
        String type = String.valueOf(args.getOrDefault("type", "late.slow"));
        Message.Builder request = Message.builder(type).text(String.valueOf(args.get("sleep")));
        if (args.get("lateType") != null) {
            request.header(Wire.LATE_REPLY_TYPE, String.valueOf(args.get("lateType")));
        }
        Message sent = request.build();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("correlation", sent.id());
        var reply = messenger().request(sent, Duration.ofMillis(((Number) args.get("timeout")).longValue()));
        if (Boolean.FALSE.equals(args.get("wait"))) {
            return out; // the request stays pending in this container
        }
        try {
            reply.toCompletableFuture().get();
            out.put("timedOut", false);
        } catch (ExecutionException e) {
            out.put("timedOut", e.getCause() instanceof TimeoutException);
        }
        return out;
    }

    /** Each delivery mode against test.echo, and an error reply as an exception. */
    private Map<String, Object> modes() throws Exception {
        Messenger m = messenger();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fireAndForget", m.send(Message.builder("test.echo").text("ff").build(), Delivery.FIRE_AND_FORGET)
                .toCompletableFuture().get().id() != null);
        out.put("stored", m.send(Message.builder("test.echo").text("st").build(), Delivery.STORED)
                .toCompletableFuture().get().id() != null);
        out.put("processed", m.send(Message.builder("test.echo").text("pr").build(), Delivery.PROCESSED,
                Duration.ofSeconds(10)).toCompletableFuture().get().header(Wire.STATUS));
        out.put("reply", m.request(Message.builder("test.echo").text("rr").build(), Duration.ofSeconds(10))
                .toCompletableFuture().get().body(Map.class).get("body"));
        try {
            m.request(Message.builder("messenger.fails").build(), Duration.ofSeconds(20)).toCompletableFuture().get();
            out.put("error", "none");
        } catch (ExecutionException e) {
            out.put("error", e.getCause() instanceof DispatchException d ? d.error() : e.getCause().toString());
        }
        return out;
    }
}
