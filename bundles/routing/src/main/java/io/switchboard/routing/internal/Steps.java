package io.switchboard.routing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.dispatch.IdempotentReceiver;
import jakarta.jms.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The steps route files can use. */
final class Steps {

    private Steps() {
    }

    /** A step with steps inside it. */
    interface Nesting {
        List<Pipeline> children();
    }

    /**
     * {@code to}: sends the message to each target in turn (one is a plain send, several a multicast). Sends on the
     * broker are held for the route's transaction; a bridge's target is called now (at least once).
     */
    record To(List<Target> targets) implements Step {
        @Override
        public boolean run(Exchange x, Sender out) throws Exception {
            for (Target t : targets) {
                if (t.kind() == Target.Kind.BRIDGE) {
                    out.services().send(t, x);
                } else {
                    out.send(t, x);
                }
            }
            return true;
        }
    }

    /**
     * {@code filter}: the nested steps run only for messages that match; the route goes on either way.
     *
     * @param selector the JMS selector when the predicate is one, else null (a candidate for a broker-side filter)
     */
    record Filter(Predicate<Exchange> predicate, String selector, Pipeline then) implements Step, Nesting {
        @Override
        public boolean run(Exchange x, Sender out) throws Exception {
            if (!predicate.test(x)) {
                return false;
            }
            then.run(x, out);
            return true;
        }

        @Override
        public List<Pipeline> children() {
            return List.of(then);
        }
    }

    /** One {@code when} of a choice. */
    record When(Predicate<Exchange> predicate, Pipeline then) {
    }

    /** {@code choice}: the steps of the first {@code when} that matches, else those of {@code otherwise}. */
    record Choice(List<When> whens, Pipeline otherwise) implements Step, Nesting {
        @Override
        public boolean run(Exchange x, Sender out) throws Exception {
            for (When w : whens) {
                if (w.predicate().test(x)) {
                    w.then().run(x, out);
                    return true;
                }
            }
            if (otherwise != null) {
                otherwise.run(x, out);
            }
            return true;
        }

        @Override
        public List<Pipeline> children() {
            List<Pipeline> all = new ArrayList<>(whens.stream().map(When::then).toList());
            if (otherwise != null) {
                all.add(otherwise);
            }
            return all;
        }
    }

    /** {@code setHeader}: a header from an expression. */
    record SetHeader(String name, Function<Exchange, Object> value) implements Step {
        @Override
        public boolean run(Exchange x, Sender out) {
            Object v = value.apply(x);
            if (v == null) {
                x.headers.remove(name);
            } else {
                x.headers.put(name, v instanceof Number || v instanceof Boolean ? v : v.toString());
            }
            return true;
        }
    }

    /** {@code wireTap}: a copy to a target on the side; the route goes on whatever becomes of it. */
    record WireTap(Target target) implements Step {
        private static final Logger LOG = LoggerFactory.getLogger("io.switchboard.routing");

        @Override
        public boolean run(Exchange x, Sender out) throws Exception {
            if (target.kind() != Target.Kind.BRIDGE) {
                out.send(target, x);
                return true;
            }
            try {
                out.services().send(target, x);
            } catch (Exception e) {
                LOG.warn("Wire tap to {} failed ({}); the route goes on", target.uri(), Exchange.rootMessage(e));
            }
            return true;
        }
    }

    /** {@code recipientList}: the targets an expression names, separated by {@code delimiter}. */
    record RecipientList(Function<Exchange, Object> recipients, String delimiter) implements Step {
        @Override
        public boolean run(Exchange x, Sender out) throws Exception {
            Object v = recipients.apply(x);
            List<String> uris = v instanceof Collection<?> c ? c.stream().map(String::valueOf).toList()
                    : v == null ? List.of() : List.of(String.valueOf(v).split(Pattern.quote(delimiter)));
            for (String uri : uris) {
                if (uri.isBlank()) {
                    continue;
                }
                Target t;
                try {
                    t = Target.parse(uri.trim());
                } catch (IllegalArgumentException e) {
                    throw new BadMessage("recipient list: " + e.getMessage());
                }
                if (t.kind() == Target.Kind.BRIDGE) {
                    out.services().send(t, x);
                } else {
                    out.send(t, x);
                }
            }
            return !uris.isEmpty();
        }
    }

    /** {@code split}: the nested steps run once per part (the parts of a JSON array, XML nodes, lines of text). */
    record Split(Function<Exchange, List<Exchange>> parts, Pipeline each) implements Step, Nesting {
        @Override
        public boolean run(Exchange x, Sender out) throws Exception {
            List<Exchange> all = parts.apply(x);
            int i = 0;
            for (Exchange part : all) {
                part.headers.put("SB_SPLIT_INDEX", i++);
                part.headers.put("SB_SPLIT_SIZE", all.size());
                each.run(part, out);
            }
            return !all.isEmpty();
        }

        @Override
        public List<Pipeline> children() {
            return List.of(each);
        }
    }

    /** {@code setBody} (and Camel's {@code transform}): the body from an expression. */
    record SetBody(Function<Exchange, Object> value) implements Step {
        @Override
        public boolean run(Exchange x, Sender out) throws Exception {
            Object v = value.apply(x);
            if (v == null) {
                x.body(new byte[0]);
            } else if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                x.body(String.valueOf(v).getBytes(StandardCharsets.UTF_8));
            } else {
                x.body(Exchange.JSON_WRITER.writeValueAsBytes(v));
            }
            return true;
        }
    }

    /** A message that can never pass this step (not worth retrying): dead-lettered at once. */
    static final class BadMessage extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadMessage(String message) {
            super(message);
        }
    }

    /** {@code delay}: waits the milliseconds an expression gives (a constant, a header) before the next step. */
    record Delay(Function<Exchange, Object> millis) implements Step {
        @Override
        public boolean run(Exchange x, Sender out) throws Exception {
            long ms;
            try {
                ms = Long.parseLong(String.valueOf(millis.apply(x)).trim());
            } catch (NumberFormatException e) {
                throw new BadMessage("delay: '" + millis.apply(x) + "' is not a number of milliseconds");
            }
            if (ms > 0) {
                Thread.sleep(Math.min(ms, 3_600_000));
            }
            return true;
        }
    }

    /**
     * {@code throttle}: at most {@code maximum} messages per {@code periodMillis}, per key when a key expression is
     * given (e.g. per customer); a message over the rate waits for its slot (the route's consumer waits with it).
     */
    static final class Throttle implements Step {
        private final int maximum;
        private final long periodNanos;
        private final Function<Exchange, Object> key;
        private final Map<Object, ArrayDeque<Long>> windows = new HashMap<>();

        Throttle(int maximum, long periodMillis, Function<Exchange, Object> key) {
            this.maximum = maximum;
            this.periodNanos = periodMillis * 1_000_000L;
            this.key = key;
        }

        @Override
        public boolean run(Exchange x, Sender out) throws Exception {
            Object k = key == null ? "" : String.valueOf(key.apply(x));
            while (true) {
                long wait;
                synchronized (windows) {
                    ArrayDeque<Long> times = windows.computeIfAbsent(k, any -> new ArrayDeque<>());
                    long now = System.nanoTime();
                    while (!times.isEmpty() && now - times.peekFirst() >= periodNanos) {
                        times.pollFirst();
                    }
                    if (times.size() < maximum) {
                        times.addLast(now);
                        if (windows.size() > 10_000) {
                            windows.entrySet().removeIf(e -> e.getValue().isEmpty());
                        }
                        return true;
                    }
                    wait = periodNanos - (now - times.peekFirst());
                }
                Thread.sleep(Math.max(1, wait / 1_000_000L));
            }
        }
    }

    /**
     * {@code idempotentConsumer}: the nested steps run for the first message with a key (Camel's eager idempotent
     * consumer), through the delivery bundle's idempotent receiver (a table unique on route and key, shared by the
     * nodes); a duplicate goes no further in the block. When the steps fail, the key is forgotten so the retry runs.
     */
    record IdempotentConsumer(String route, Function<Exchange, Object> key, Duration keepFor, Pipeline then)
            implements Step, Nesting {
        @Override
        public boolean run(Exchange x, Sender out) throws Exception {
            Object k = key.apply(x);
            if (k == null || String.valueOf(k).isBlank()) {
                throw new BadMessage("idempotentConsumer: the message has no key");
            }
            IdempotentReceiver receiver = out.services().idempotent();
            String id = String.valueOf(k);
            if (!receiver.firstTime("route:" + route, id, keepFor)) {
                return false;
            }
            try {
                then.run(x, out);
            } catch (Exception | Error e) {
                receiver.forget("route:" + route, id);
                throw e;
            }
            out.onRollback(() -> receiver.forget("route:" + route, id));
            return true;
        }

        @Override
        public List<Pipeline> children() {
            return List.of(then);
        }
    }

    /** {@code validate}: a message that breaks its schema can never pass; it is dead-lettered with the violations. */
    record Validate(String what, Function<Exchange, List<String>> check) implements Step {
        @Override
        public boolean run(Exchange x, Sender out) {
            List<String> problems = check.apply(x);
            if (!problems.isEmpty()) {
                throw new BadMessage("invalid against " + what + ": " + String.join("; ", problems));
            }
            return true;
        }
    }

    /**
     * {@code enrich}: sends the message as a request ({@code dispatch:TYPE#OPERATION} by the wire convention, or a
     * broker destination that replies to {@code JMSReplyTo}) and merges the reply: its JSON object's fields into the
     * body's (the reply's win), or the reply into a header. A refused request ({@code SB_STATUS} error
     * {@code rejected}, {@code bad-payload}, {@code no-type}) can never pass; no reply in time or another error is
     * retried with the route's backoff.
     */
    record Enrich(Target target, long timeoutMillis, String header) implements Step {
        private static final Set<String> HOPELESS = Set.of("rejected", "bad-payload", "no-type");

        @Override
        public boolean run(Exchange x, Sender out) throws Exception {
            Message reply = out.request(target, x, timeoutMillis);
            if (reply == null) {
                throw new IllegalStateException("enrich: no reply from " + target.uri() + " within " + timeoutMillis
                        + " ms");
            }
            String text = new Exchange(reply).bodyText();
            if ("error".equals(reply.getStringProperty("SB_STATUS"))) {
                String code = "";
                try {
                    code = Exchange.JSON_WRITER.readTree(text).path("error").asText();
                } catch (IOException e) {
                    // not JSON: the text is the reason
                }
                String reason = "enrich: " + target.uri() + " answered " + text;
                if (HOPELESS.contains(code)) {
                    throw new BadMessage(reason);
                }
                throw new IllegalStateException(reason);
            }
            if (header != null) {
                x.headers.put(header, text);
                return true;
            }
            JsonNode answer = Exchange.JSON_WRITER.readTree(text);
            JsonNode body;
            try {
                body = Exchange.JSON_WRITER.readTree(x.bodyText());
            } catch (IOException e) {
                body = null;
            }
            if (body instanceof ObjectNode o && answer.isObject()) {
                o.setAll((ObjectNode) answer);
                x.body(Exchange.JSON_WRITER.writeValueAsBytes(o));
            } else {
                x.body(text.getBytes(StandardCharsets.UTF_8));
            }
            return true;
        }
    }
}
