package io.switchboard.routing;

import java.time.Instant;

/**
 * Counters of one step of a route since it was deployed.
 *
 * @param path where the step is: its position, nested steps below their parent ({@code 2.when[0].1})
 * @param kind the step's kind: {@code filter}, {@code choice}, {@code to}, {@code setHeader}, ...
 * @param description what it does, e.g. its expression or target
 * @param in messages that reached it
 * @param out messages it passed on (a filter passes fewer than it takes in)
 * @param failed messages it failed on
 * @param meanMillis the mean time it took per message, in milliseconds
 * @param firstAt when the first message counted here reached the step, or null before any
 * @param lastAt when the last message counted here was done with (its transaction ended), or null before any
 */
public record StepInfo(String path, String kind, String description, long in, long out, long failed,
        double meanMillis, Instant firstAt, Instant lastAt) {

    /** Counters without their times (version 1.0). */
    public StepInfo(String path, String kind, String description, long in, long out, long failed, double meanMillis) {
        this(path, kind, description, in, out, failed, meanMillis, null, null);
    }
}
