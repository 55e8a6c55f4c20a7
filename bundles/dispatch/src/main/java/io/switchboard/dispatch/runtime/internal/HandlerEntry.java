package io.switchboard.dispatch.runtime.internal;

import io.switchboard.dispatch.HandlerInfo;
import io.switchboard.dispatch.MessageHandler;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/** One registered handler with what the dispatcher needs to pick it and run it. */
final class HandlerEntry {

    final MessageHandler handler;
    final String name;
    final List<String> types;
    final List<String> operations;
    final String bundle;
    final long bundleId;
    final long serviceId;
    final int ranking;
    final int concurrency;
    final long timeoutMillis;
    final Semaphore permits;
    final HandlerMetrics metrics;
    /** Whether each message id is checked with the idempotent receiver first. */
    final boolean idempotent;
    /** The name the idempotent receiver remembers this handler's messages under. */
    final String consumer;

    HandlerEntry(MessageHandler handler, Map<String, ?> properties, String bundle, long bundleId, HandlerMetrics metrics) {
        this.handler = handler;
        this.types = strings(properties.get(MessageHandler.TYPE));
        this.operations = strings(properties.get(MessageHandler.OPERATIONS));
        this.name = properties.get("component.name") instanceof String s ? s : handler.getClass().getName();
        this.bundle = bundle;
        this.bundleId = bundleId;
        this.serviceId = number(properties.get("service.id"));
        this.ranking = (int) number(properties.get("service.ranking"));
        this.concurrency = (int) number(properties.get(MessageHandler.CONCURRENCY));
        this.timeoutMillis = number(properties.get(MessageHandler.TIMEOUT));
        this.permits = concurrency > 0 ? new Semaphore(concurrency, true) : null;
        this.metrics = metrics;
        this.idempotent = Boolean.TRUE.equals(properties.get(MessageHandler.IDEMPOTENT))
                || "true".equals(properties.get(MessageHandler.IDEMPOTENT));
        // component.name survives restarts and is the same on every node; a service id is neither
        this.consumer = properties.get(MessageHandler.CONSUMER) instanceof String s && !s.isBlank() ? s.trim() : name;
    }

    boolean handlesOperation(String operation) {
        return operations.isEmpty() || operation != null && operations.contains(operation);
    }

    /** Bundle and component, as operators see it in logs and dead-letter headers. */
    String label() {
        return bundle + "/" + name;
    }

    HandlerInfo info() {
        return new HandlerInfo(name, types, operations, bundle, bundleId, serviceId, ranking, concurrency,
                metrics.handled(), metrics.errors());
    }

    static List<String> strings(Object value) {
        if (value instanceof String s) {
            return s.isBlank() ? List.of() : List.of(s.trim());
        }
        if (value instanceof String[] a) {
            return Arrays.stream(a).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        if (value instanceof java.util.Collection<?> c) {
            return c.stream().map(String::valueOf).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        return List.of();
    }

    private static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s && !s.isBlank()) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
