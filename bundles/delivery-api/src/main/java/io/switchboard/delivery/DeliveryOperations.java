package io.switchboard.delivery;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What an operator does with stored messages: the console, the REST API and the shell use it. Listings are paged by
 * an opaque cursor and never count the whole store. Every change names its actor (a user name) and leaves an
 * {@link AuditEntry}. Bulk changes commit in batches, so a large one is not one long transaction. Thread-safe.
 */
@ProviderType
public interface DeliveryOperations {

    /** The most one page holds. */
    int MAX_PAGE = 500;

    /**
     * The endpoints that are deployed or have messages waiting, in flight or dead, by name, with those counts
     * (delivered messages are not counted).
     */
    List<EndpointSummary> endpoints();

    /**
     * One page of the stored messages that match {@code filter}, oldest first.
     *
     * @param cursor null for the first page, else the {@link Page#nextCursor()} of the previous one
     * @param limit 1 to {@link #MAX_PAGE}
     * @throws IllegalArgumentException for a cursor this service did not hand out or a limit out of range
     */
    Page<StoredMessage> list(MessageFilter filter, String cursor, int limit);

    /**
     * A stored message with its headers, body and attempt history.
     *
     * @throws NoSuchElementException when there is no message with that id
     */
    MessageDetail detail(String id);

    /**
     * Makes a message due now: a waiting one keeps its attempt count; a dead or delivered one starts again with
     * none (its history stays).
     *
     * @throws NoSuchElementException when there is no message with that id
     * @throws IllegalStateException when it is {@link DeliveryState#IN_FLIGHT}: an attempt is running
     */
    void retryNow(String id, String actor);

    /**
     * Sends the dead messages that match {@code filter} again (its state, if any, must be DEAD): each becomes
     * waiting, due now, with no attempts counted; its history stays.
     *
     * @return how many were replayed
     */
    int replayDead(MessageFilter filter, String actor);

    /**
     * Changes a message and makes it due now with no attempts counted, as {@link #retryNow}.
     *
     * @param headers the new headers (replacing all), or null to keep them
     * @param body the new body, or null to keep it
     * @param contentType the new content type, or null to keep it
     * @throws NoSuchElementException when there is no message with that id
     * @throws IllegalStateException when it is {@link DeliveryState#IN_FLIGHT}
     */
    void editAndRetry(String id, Map<String, String> headers, byte[] body, String contentType, String actor);

    /**
     * Deletes the messages that match {@code filter}, with their attempt history; messages in flight are skipped.
     *
     * @return how many were deleted
     */
    int purge(MessageFilter filter, String actor);

    /**
     * One page of the audit trail, newest first.
     *
     * @param cursor null for the first page, else the {@link Page#nextCursor()} of the previous one
     * @param limit 1 to {@link #MAX_PAGE}
     */
    Page<AuditEntry> audit(String cursor, int limit);
}
