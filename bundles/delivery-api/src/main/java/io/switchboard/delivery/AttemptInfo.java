package io.switchboard.delivery;

import java.time.Instant;

/**
 * One attempt to deliver a stored message.
 *
 * @param attempt its number, counted from 1 since the message was accepted or last replayed
 * @param at when it ended
 * @param outcome {@code DELIVERED}, {@code TRANSIENT_FAILURE} or {@code PERMANENT_FAILURE}
 * @param error why it failed, or null
 */
public record AttemptInfo(int attempt, Instant at, String outcome, String error) {
}
