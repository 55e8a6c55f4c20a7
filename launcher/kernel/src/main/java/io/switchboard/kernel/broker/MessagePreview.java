package io.switchboard.kernel.broker;

import io.switchboard.kernel.api.BrowsedMessage;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.activemq.artemis.api.core.ActiveMQBuffer;
import org.apache.activemq.artemis.api.core.ICoreMessage;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.reader.MapMessageUtil;
import org.apache.activemq.artemis.reader.TextMessageUtil;

/** Turns a message on a queue into what an operator reads: headers, properties as strings, a body preview. */
final class MessagePreview {

    private static final int LIMIT = BrowsedMessage.PREVIEW_LIMIT;

    private MessagePreview() {
    }

    static BrowsedMessage of(Message message) {
        if (message.isLargeMessage()) {
            // Its body is a file of any size: reading it to preview it is not worth what it costs the broker.
            long size = message.getWholeMessageSize();
            return message(message, message, "bytes", "large message of " + size + " bytes, not shown", "none", size,
                    true);
        }
        // AMQP, STOMP, MQTT and OpenWire messages are read the way a core (JMS) client would receive them.
        ICoreMessage core = message.toCore();
        ActiveMQBuffer body = core.getReadOnlyBodyBuffer();
        int size = body.readableBytes();
        return switch (core.getType()) {
            case Message.TEXT_TYPE -> text(message, core, "text", readText(body), size);
            case Message.MAP_TYPE -> text(message, core, "map", MapMessageUtil.readBodyMap(body).getMap().toString(), size);
            case Message.BYTES_TYPE -> bytes(message, core, "bytes", body, size);
            case Message.OBJECT_TYPE -> message(message, core, "object",
                    "serialized Java object of " + size + " bytes, not shown", "none", size, true);
            case Message.STREAM_TYPE -> message(message, core, "stream",
                    "stream message of " + size + " bytes, not shown", "none", size, true);
            default -> size == 0 ? text(message, core, "message", "", 0) : bytes(message, core, "message", body, size);
        };
    }

    private static String readText(ActiveMQBuffer body) {
        SimpleString text = TextMessageUtil.readBodyText(body);
        return text == null ? "" : text.toString();
    }

    private static BrowsedMessage text(Message original, ICoreMessage core, String type, String text, long size) {
        int end = Math.min(text.length(), LIMIT);
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never cut a character in half
        }
        return message(original, core, type, text.substring(0, end), "text", size, end < text.length());
    }

    private static BrowsedMessage bytes(Message original, ICoreMessage core, String type, ActiveMQBuffer body, int size) {
        byte[] head = new byte[Math.min(size, LIMIT)];
        body.readBytes(head);
        return message(original, core, type, Base64.getEncoder().encodeToString(head), "base64", size, head.length < size);
    }

    private static BrowsedMessage message(Message original, Message headers, String type, String body, String encoding,
            long size, boolean truncated) {
        Object userId = headers.getUserID();
        return new BrowsedMessage(original.getMessageID(), userId == null ? null : "ID:" + userId,
                original.getAddress(), instant(headers.getTimestamp()), instant(headers.getExpiration()),
                headers.isDurable(), headers.getPriority(), type, properties(headers), body, encoding, size, truncated);
    }

    private static Instant instant(long millis) {
        return millis == 0 ? null : Instant.ofEpochMilli(millis);
    }

    private static Map<String, String> properties(Message message) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (SimpleString name : message.getPropertyNames()) {
            Object value = message.getObjectProperty(name);
            if (value != null) {
                properties.put(name.toString(), value instanceof byte[] bytes
                        ? Base64.getEncoder().encodeToString(bytes) : value.toString());
            }
        }
        return properties;
    }
}
