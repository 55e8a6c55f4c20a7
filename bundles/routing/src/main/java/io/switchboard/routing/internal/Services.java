package io.switchboard.routing.internal;

import io.switchboard.dispatch.IdempotentReceiver;
import io.switchboard.routing.RouteMessage;
import io.switchboard.routing.RouteSource;
import io.switchboard.routing.RouteTarget;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services steps use that come and go: the targets bridges offer ({@link RouteTarget} services, by scheme) and
 * the delivery bundle's idempotent receiver; and the fan-out bound every route applies. Thread-safe.
 */
final class Services {

    private volatile IdempotentReceiver idempotent;
    private final FanOut fanOut = new FanOut();

    /** The bound on the messages one message may cause through routes. */
    FanOut fanOut() {
        return fanOut;
    }

    private final Map<String, RouteSource> sources = new ConcurrentHashMap<>();

    void addSource(String scheme, RouteSource source) {
        sources.put(scheme, source);
    }

    void removeSource(String scheme, RouteSource source) {
        sources.remove(scheme, source);
    }

    /** The source a bridge offers for {@code scheme}, or null. */
    RouteSource source(String scheme) {
        return sources.get(scheme);
    }

    void idempotent(IdempotentReceiver receiver) {
        this.idempotent = receiver;
    }

    /** The idempotent receiver; fails (to be retried) while the delivery bundle is not there. */
    IdempotentReceiver idempotent() {
        IdempotentReceiver r = idempotent;
        if (r == null) {
            throw new IllegalStateException("no idempotent receiver: idempotentConsumer needs the delivery feature");
        }
        return r;
    }

    private final Map<String, RouteTarget> byScheme = new ConcurrentHashMap<>();

    void add(String scheme, RouteTarget target) {
        byScheme.put(scheme, target);
    }

    void remove(String scheme, RouteTarget target) {
        byScheme.remove(scheme, target);
    }

    boolean offers(String scheme) {
        return byScheme.containsKey(scheme);
    }

    /** Sends through the scheme's target; fails (to be retried) when none is registered any more. */
    void send(Target target, Exchange x) throws Exception {
        RouteTarget t = byScheme.get(target.name());
        if (t == null) {
            throw new IllegalStateException("no bridge offers the target scheme '" + target.name() + "' now");
        }
        t.send(target.uri(), new RouteMessage(x.headers, x.body(), x.isText()));
    }
}
