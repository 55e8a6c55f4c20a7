package io.switchboard.delivery;

import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Remembers which messages a consumer has processed, in the delivery database (a unique constraint on consumer and
 * message id), so a redelivered message is recognised — across threads and nodes sharing the database.
 */
@ProviderType
public interface IdempotentReceiver {

    /**
     * Records that {@code consumer} is processing {@code messageId}.
     *
     * @param keepFor how long the record is kept
     * @return true the first time, false when it was seen before (and not yet expired)
     */
    boolean firstTime(String consumer, String messageId, Duration keepFor);
}
