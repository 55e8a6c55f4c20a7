package io.switchboard.delivery.internal.ops;

import io.switchboard.delivery.AttemptInfo;
import io.switchboard.delivery.DeliveryOperations;
import io.switchboard.delivery.DeliveryState;
import io.switchboard.delivery.EndpointSummary;
import io.switchboard.delivery.MessageDetail;
import io.switchboard.delivery.MessageFilter;
import io.switchboard.delivery.Page;
import io.switchboard.delivery.StoredMessage;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Shell: {@code delivery:endpoints}, {@code delivery:messages [endpoint] [state]} (the first page),
 * {@code delivery:show <id>}, {@code delivery:retry <id>}, {@code delivery:replay <endpoint>} (its dead messages),
 * {@code delivery:purge <endpoint> <state>}. Changes are audited with the actor {@code shell}.
 */
@Component(service = DeliveryCommands.class, property = {"osgi.command.scope=delivery",
    "osgi.command.function=endpoints", "osgi.command.function=messages", "osgi.command.function=show",
    "osgi.command.function=retry", "osgi.command.function=replay", "osgi.command.function=purge"})
public final class DeliveryCommands {

    static final String ACTOR = "shell";
    private static final int PAGE = 50;

    private final DeliveryOperations operations;

    @Activate
    public DeliveryCommands(@Reference DeliveryOperations operations) {
        this.operations = operations;
    }

    public String endpoints() {
        List<EndpointSummary> endpoints = operations.endpoints();
        if (endpoints.isEmpty()) {
            return "no endpoints";
        }
        StringBuilder out = new StringBuilder(String.format("%-28s %-9s %-10s %-9s %-9s %s%n", "ENDPOINT", "DEPLOYED",
                "CIRCUIT", "PENDING", "IN_FLIGHT", "DEAD"));
        for (EndpointSummary e : endpoints) {
            out.append(String.format("%-28s %-9s %-10s %-9d %-9d %d%n", e.name(), e.deployed() ? "yes" : "no",
                    e.circuit() == null ? "-" : e.circuit(), e.pending(), e.inFlight(), e.dead()));
        }
        return out.toString();
    }

    public String messages() {
        return messages(null, null);
    }

    public String messages(String endpoint) {
        return messages(endpoint, null);
    }

    public String messages(String endpoint, String state) {
        Page<StoredMessage> page = operations.list(MessageFilter.of(endpoint, state(state)), null, PAGE);
        if (page.items().isEmpty()) {
            return "no messages";
        }
        StringBuilder out = new StringBuilder(String.format("%-10s %-20s %-30s %-10s %-8s %-24s %s%n", "ID",
                "ENDPOINT", "MESSAGE ID", "STATE", "ATTEMPTS", "UPDATED", "LAST ERROR"));
        for (StoredMessage m : page.items()) {
            out.append(String.format("%-10s %-20s %-30s %-10s %-8d %-24s %s%n", m.id(), m.endpoint(), m.messageId(),
                    m.state(), m.attempts(), m.updatedAt(), m.lastError() == null ? "" : m.lastError()));
        }
        if (page.nextCursor() != null) {
            out.append("(first ").append(PAGE).append(" shown; GET /api/v1/delivery/messages pages through all)\n");
        }
        return out.toString();
    }

    public String show(String id) {
        MessageDetail d = operations.detail(id);
        StoredMessage m = d.message();
        StringBuilder out = new StringBuilder();
        out.append(String.format("message %s (%s) to %s: %s, %d attempt(s), next %s%n", m.id(), m.messageId(),
                m.endpoint(), m.state(), m.attempts(), m.nextAttemptAt()));
        out.append(String.format("type %s, operation %s, ordering key %s, %s, %d byte(s)%n", m.type(), m.operation(),
                m.orderingKey(), d.contentType(), d.body().length));
        d.headers().forEach((k, v) -> out.append("  ").append(k).append(": ").append(v).append('\n'));
        for (AttemptInfo a : d.attempts()) {
            out.append(String.format("  #%-3d %-24s %-18s %s%n", a.attempt(), a.at(), a.outcome(),
                    a.error() == null ? "" : a.error()));
        }
        return out.toString();
    }

    public String retry(String id) {
        operations.retryNow(id, ACTOR);
        return "message " + id + " is due now";
    }

    public String replay(String endpoint) {
        return operations.replayDead(MessageFilter.of(endpoint, DeliveryState.DEAD), ACTOR) + " dead message(s) of "
                + endpoint + " replayed";
    }

    public String purge(String endpoint, String state) {
        return operations.purge(MessageFilter.of(endpoint, state(state)), ACTOR) + " " + state + " message(s) of "
                + endpoint + " purged (none in flight)";
    }

    private static DeliveryState state(String state) {
        try {
            return state == null ? null : DeliveryState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state must be one of PENDING, IN_FLIGHT, DELIVERED, DEAD, got '"
                    + state + "'");
        }
    }
}
