package io.switchboard.dispatch;

import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Remembers which messages a consumer has processed, in the delivery database (a unique constraint on consumer and
 * message id), so a redelivered message is recognised — across threads and nodes sharing the database.
 *
 * <p>The record is eager, as Camel's idempotent consumer with {@code eager} and {@code removeOnFailure}: call
 * {@link #firstTime} before processing, process only when it returns true, and call {@link #forget} when processing
 * failed so the redelivery is processed again. Of several concurrent callers with the same consumer and id, exactly
 * one gets true. A process that crashes while processing leaves the id recorded: its redelivery is taken for a
 * duplicate until the record expires. Consumers that must never lose a message to a crash make their processing and
 * its effects idempotent themselves, or keep the id short-lived.
 *
 * <p>Consumer names and message ids are non-blank strings of at most 200 characters.
 *
 * <p>The delivery feature provides it (its database holds the records); it lives in this package so that its
 * consumers — the dispatcher for idempotent handlers, routing's {@code idempotentConsumer} step — import it at
 * resolve time, before and without the delivery feature, and follow the service as it comes and goes.
 */
@ProviderType
public interface IdempotentReceiver {

    /**
     * Records that {@code consumer} is processing {@code messageId}.
     *
     * @param consumer who processes, stable across restarts (e.g. a component name)
     * @param messageId the message's id, the same on every redelivery
     * @param keepFor how long the record is kept (positive); after that the id counts as new again
     * @return true the first time, false when it was seen before (and not yet expired)
     * @throws IllegalArgumentException naming the argument that is null, blank or too long
     */
    boolean firstTime(String consumer, String messageId, Duration keepFor);

    /**
     * Forgets that {@code consumer} processed {@code messageId}, so its next delivery is processed: call it when
     * processing failed. Forgetting an id that is not recorded does nothing.
     *
     * @throws IllegalArgumentException naming the argument that is null, blank or too long
     */
    void forget(String consumer, String messageId);
}
