package io.switchboard.delivery.internal.store;

import io.switchboard.dispatch.Message;

/**
 * A stored message claimed for one attempt.
 *
 * @param id its row id
 * @param endpoint where it goes
 * @param attempts attempts made before this one
 * @param orderingKey its ordering key, or null
 * @param message the message as accepted
 * @param position where it stood in its endpoint's due order when claimed
 */
public record Claimed(long id, String endpoint, int attempts, String orderingKey, Message message,
        OutboxClaimer.Position position) {
}
