package io.switchboard.delivery;

import java.time.Instant;

/**
 * One operator action on stored messages.
 *
 * @param at when it was done
 * @param actor who did it: a user name, {@code shell}, or {@code retention} for the periodic clean-up
 * @param action what: {@code retry}, {@code edit}, {@code replay}, {@code purge}, {@code retention}
 * @param target the message id or the filter it applied to
 * @param affected how many messages it changed
 */
public record AuditEntry(Instant at, String actor, String action, String target, int affected) {
}
