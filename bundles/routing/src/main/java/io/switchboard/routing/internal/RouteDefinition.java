package io.switchboard.routing.internal;

import java.util.SortedSet;

/**
 * One route as a file defines it.
 *
 * @param id unique in the platform
 * @param source where it consumes
 * @param pipeline its steps
 * @param redelivery how often and when a failing message is tried again before it is dead-lettered
 * @param deadLetter where dead-lettered messages go (the broker's DLQ unless the file names one)
 * @param line where the route starts in its file
 * @param bridgeSchemes the schemes of the bridge targets it sends to
 */
record RouteDefinition(String id, Source source, Pipeline pipeline, Redelivery redelivery, Target deadLetter,
        int line, SortedSet<String> bridgeSchemes) {

    /**
     * Camel's redelivery policy: how often a failing message is tried again before it is dead-lettered, and the
     * delay before each try ({@code redeliveryDelay} × {@code backOffMultiplier}^(n-1), at most
     * {@code maximumRedeliveryDelay}), in milliseconds.
     */
    record Redelivery(int maximumRedeliveries, long redeliveryDelay, double backOffMultiplier,
            long maximumRedeliveryDelay) {

        static final Redelivery DEFAULT = new Redelivery(3, 1000, 2.0, 60_000);

        /** The delay before redelivery number {@code n} (1 for the first). */
        long delay(int n) {
            double d = redeliveryDelay * Math.pow(backOffMultiplier, Math.max(0, n - 1));
            return (long) Math.min(d, maximumRedeliveryDelay);
        }
    }

    /**
     * A JMS source: {@code jms:queue:NAME} or {@code jms:topic:NAME}, with Camel's options
     * {@code concurrentConsumers} and, for a topic, {@code durableSubscriptionName}; or a timer
     * ({@code timer:NAME?period=ms&repeatCount=n}, as Camel's), which sends an empty message every period.
     *
     * @param period the timer's period in milliseconds; 0 for a JMS source
     * @param repeatCount how many times the timer fires; 0 for ever
     */
    record Source(String uri, boolean topic, String name, int concurrentConsumers, String durableSubscription,
            long period, long repeatCount, boolean bridge) {

        boolean timer() {
            return period > 0;
        }
    }

    /**
     * The JMS selector the broker can apply for this route, or null: a non-durable topic subscription whose route is a
     * single filter on a selector is the same route with the selector on the subscription — messages it would drop
     * never leave the broker. (From a queue, a filter consumes and drops what does not match; a selector would leave
     * those messages in the queue. A durable subscription whose selector changes is a new subscription, which would
     * lose the messages waiting in the old one on a hot reload.)
     */
    String pushedDown() {
        if (!source.topic() || source.durableSubscription() != null || pipeline.steps.size() != 1) {
            return null;
        }
        return pipeline.steps.get(0).step instanceof Steps.Filter f ? f.selector() : null;
    }
}
