package io.switchboard.bridge.file.internal;

import io.switchboard.routing.RouteMessage;
import io.switchboard.routing.RouteSource.Receiver;
import io.switchboard.routing.RouteSource.Routed;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A route as a source sees it: records what it committed; fails or dead-letters as a test tells it to. */
final class RecordingReceiver implements Receiver {

    final List<RouteMessage> routed = new CopyOnWriteArrayList<>();
    private volatile Function<RouteMessage, Routed> outcome = m -> Routed.routed();
    private volatile String failure;

    /** Every message fails transiently with this reason from now on (null: none does). */
    RecordingReceiver failing(String reason) {
        this.failure = reason;
        return this;
    }

    RecordingReceiver outcome(Function<RouteMessage, Routed> outcome) {
        this.outcome = outcome;
        return this;
    }

    @Override
    public Routed route(RouteMessage message) throws Exception {
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        Routed r = outcome.apply(message);
        if (!r.deadLettered()) {
            routed.add(message);
        }
        return r;
    }

    List<String> ids() {
        return routed.stream().map(m -> (String) m.headers().get("SB_MESSAGE_ID")).toList();
    }
}
