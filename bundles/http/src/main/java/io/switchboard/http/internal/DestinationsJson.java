package io.switchboard.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.kernel.api.BrokerAddress;
import io.switchboard.kernel.api.BrowsedMessage;
import io.switchboard.kernel.api.QueueInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON shapes of {@link DestinationsResource}: what it answers, and the test message it reads. */
final class DestinationsJson {

    private DestinationsJson() {
    }

    /** A test message to send, as read from the request body. */
    record TestMessage(String body, Map<String, String> properties, String routingType, boolean durable) {
    }

    /**
     * {@code {"timestamp": ms, "totals": {...}, "queues": [...], "addresses": [...]}}: the totals and the timestamp
     * let a console that polls compute rates.
     */
    static Map<String, Object> listing(List<QueueInfo> queues, List<BrokerAddress> addresses, long now) {
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("queues", queues.size());
        totals.put("depth", queues.stream().mapToLong(QueueInfo::depth).sum());
        totals.put("messagesAdded", queues.stream().mapToLong(QueueInfo::messagesAdded).sum());
        totals.put("messagesAcknowledged", queues.stream().mapToLong(QueueInfo::messagesAcknowledged).sum());
        totals.put("consumers", queues.stream().mapToLong(QueueInfo::consumers).sum());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", now);
        body.put("totals", totals);
        body.put("queues", queues.stream().map(DestinationsJson::queue).toList());
        body.put("addresses", addresses);
        return body;
    }

    static Map<String, Object> queue(QueueInfo q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", q.name());
        m.put("address", q.address());
        m.put("routingType", q.routingType());
        m.put("durable", q.durable());
        m.put("temporary", q.temporary());
        m.put("deadLetter", q.deadLetter());
        m.put("depth", q.depth());
        m.put("consumers", q.consumers());
        m.put("messagesAdded", q.messagesAdded());
        m.put("messagesAcknowledged", q.messagesAcknowledged());
        m.put("delivering", q.delivering());
        m.put("scheduled", q.scheduled());
        return m;
    }

    static List<Map<String, Object>> messages(List<BrowsedMessage> messages) {
        return messages.stream().map(DestinationsJson::message).toList();
    }

    static Map<String, Object> message(BrowsedMessage b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id());
        m.put("messageId", b.messageId());
        m.put("address", b.address());
        m.put("timestamp", iso(b.timestamp()));
        m.put("expiration", iso(b.expiration()));
        m.put("durable", b.durable());
        m.put("priority", b.priority());
        m.put("type", b.type());
        m.put("properties", new TreeMap<>(b.properties()));
        m.put("body", b.body());
        m.put("bodyEncoding", b.bodyEncoding());
        m.put("bodySize", b.bodySize());
        m.put("truncated", b.truncated());
        return m;
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /**
     * {@code {"body": "...", "properties": {"name": "value"}, "routingType": "ANYCAST", "durable": true}}: body
     * required, the rest optional (no properties, the address's routing type, durable).
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    static TestMessage testMessage(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("the request body must be a JSON object with at least \"body\"");
        }
        JsonNode body = json.get("body");
        if (body == null || !body.isTextual()) {
            throw new IllegalArgumentException("field 'body' is required and must be a string");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        JsonNode props = json.get("properties");
        if (props != null && !props.isNull()) {
            if (!props.isObject()) {
                throw new IllegalArgumentException("field 'properties' must be an object of strings");
            }
            for (var p : props.properties()) {
                if (!p.getValue().isTextual()) {
                    throw new IllegalArgumentException("field 'properties." + p.getKey() + "' must be a string");
                }
                properties.put(p.getKey(), p.getValue().asText());
            }
        }
        JsonNode routingType = json.get("routingType");
        if (routingType != null && !routingType.isNull() && !routingType.isTextual()) {
            throw new IllegalArgumentException("field 'routingType' must be \"ANYCAST\" or \"MULTICAST\"");
        }
        JsonNode durable = json.get("durable");
        if (durable != null && !durable.isNull() && !durable.isBoolean()) {
            throw new IllegalArgumentException("field 'durable' must be true or false");
        }
        return new TestMessage(body.asText(), properties,
                routingType == null || routingType.isNull() ? null : routingType.asText(),
                durable == null || durable.isNull() || durable.asBoolean());
    }
}
