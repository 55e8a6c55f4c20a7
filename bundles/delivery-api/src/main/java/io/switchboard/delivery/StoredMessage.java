package io.switchboard.delivery;

import java.time.Instant;

/**
 * A stored message as a listing shows it: without headers and body.
 *
 * @param id the stored message's id, as {@link DeliveryService#schedule} returned it
 * @param endpoint where it goes
 * @param messageId the message's own id
 * @param type its type, or null
 * @param operation its operation, or null
 * @param orderingKey its ordering key, or null
 * @param state where it is in its life
 * @param attempts the attempts counted since it was accepted or last replayed
 * @param nextAttemptAt when a waiting message is due
 * @param createdAt when it was accepted
 * @param updatedAt when its state last changed
 * @param lastError the last failed attempt's reason, or null
 */
public record StoredMessage(String id, String endpoint, String messageId, String type, String operation,
        String orderingKey, DeliveryState state, int attempts, Instant nextAttemptAt, Instant createdAt,
        Instant updatedAt, String lastError) {
}
