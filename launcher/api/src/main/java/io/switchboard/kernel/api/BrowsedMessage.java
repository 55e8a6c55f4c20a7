package io.switchboard.kernel.api;

import java.time.Instant;
import java.util.Map;

/**
 * One message as {@link BrokerAdmin#browse} shows it: its headers, its properties and a preview of its body. The
 * preview is data, never markup: whoever shows it escapes it.
 *
 * @param id           the broker's id of the message, what {@link BrokerAdmin#retry(String, long)} takes
 * @param messageId    the client's message id (the JMS {@code JMSMessageID}), or null when the sender set none
 * @param address      the address the message is on now
 * @param timestamp    when it was sent, or null when the sender did not say
 * @param expiration   when it expires, or null when it never does
 * @param durable      whether it survives a broker restart
 * @param priority     0 (lowest) to 9
 * @param type         the body's kind: {@code text}, {@code bytes}, {@code map}, {@code object}, {@code stream},
 *                     or {@code message} (no body)
 * @param properties   the message's properties as strings, the broker's own included (e.g.
 *                     {@code _AMQ_ORIG_ADDRESS} and {@code _AMQ_ORIG_QUEUE} on a dead letter)
 * @param body         the preview, read as {@code bodyEncoding} says
 * @param bodyEncoding {@code text}: the first {@value #PREVIEW_LIMIT} characters of a text body, or a map
 *                     rendered as {@code {key=value, ...}}; {@code base64}: the first {@value #PREVIEW_LIMIT}
 *                     bytes of a bytes body; {@code none}: the body is not shown and {@code body} says why (an
 *                     object, a stream, a large message)
 * @param bodySize     the body's size in bytes, or the whole message's where the body cannot be told apart
 * @param truncated    whether {@code body} shows less than the whole body
 */
public record BrowsedMessage(long id, String messageId, String address, Instant timestamp, Instant expiration,
        boolean durable, int priority, String type, Map<String, String> properties, String body,
        String bodyEncoding, long bodySize, boolean truncated) {

    /** How much of a body a preview shows: characters of a text, bytes of a bytes body. */
    public static final int PREVIEW_LIMIT = 4096;

    public BrowsedMessage {
        properties = Map.copyOf(properties);
    }
}
