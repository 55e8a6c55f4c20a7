package io.switchboard.delivery;

import java.time.Instant;

/**
 * Which stored messages a listing or bulk operation covers. Every criterion is optional (null); the ones given must
 * all match.
 *
 * @param endpoint the endpoint's name
 * @param state the state
 * @param messageIdPrefix the start of the message id
 * @param type the message type
 * @param olderThan the state last changed before this instant
 */
public record MessageFilter(String endpoint, DeliveryState state, String messageIdPrefix, String type,
        Instant olderThan) {

    /** Every stored message. */
    public static final MessageFilter ALL = new MessageFilter(null, null, null, null, null);

    public static MessageFilter of(String endpoint, DeliveryState state) {
        return new MessageFilter(endpoint, state, null, null, null);
    }

    /** Whether this filter matches every message. */
    public boolean isEmpty() {
        return endpoint == null && state == null && messageIdPrefix == null && type == null && olderThan == null;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        append(s, "endpoint", endpoint);
        append(s, "state", state);
        append(s, "messageIdPrefix", messageIdPrefix);
        append(s, "type", type);
        append(s, "olderThan", olderThan);
        return s.isEmpty() ? "all" : s.toString();
    }

    private static void append(StringBuilder s, String name, Object value) {
        if (value != null) {
            s.append(s.isEmpty() ? "" : " ").append(name).append('=').append(value);
        }
    }
}
