package io.switchboard.bridge.http.internal;

import io.switchboard.bridge.BridgeHeaders;
import io.switchboard.dispatch.Message;
import io.switchboard.routing.RouteMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A message on its way out, whether a delivery endpoint's stored message or a route's: its id, type, operation,
 * correlation id, content type, other headers (names unescaped back to what the far side called them) and body.
 */
record Outgoing(String id, String type, String operation, String correlationId, String contentType,
        Map<String, String> headers, byte[] body) {

    static Outgoing of(Message m) {
        Map<String, String> headers = new LinkedHashMap<>();
        m.headers().forEach((k, v) -> headers.put(BridgeHeaders.unescape(k), v));
        return new Outgoing(m.id(), m.type(), m.operation(), m.correlationId(), m.contentType(), headers, m.bodyBytes());
    }

    static Outgoing of(RouteMessage m) {
        Map<String, String> headers = new LinkedHashMap<>();
        m.headers().forEach((k, v) -> headers.put(BridgeHeaders.unescape(k), String.valueOf(v)));
        String id = headers.remove(BridgeHeaders.MESSAGE_ID);
        String contentType = headers.remove(BridgeHeaders.CONTENT_TYPE);
        return new Outgoing(id == null ? UUID.randomUUID().toString() : id, headers.remove(BridgeHeaders.TYPE),
                headers.remove(BridgeHeaders.OPERATION), headers.remove(BridgeHeaders.CORRELATION_ID),
                contentType != null ? contentType : m.text() ? Message.JSON : "application/octet-stream", headers,
                m.body());
    }

    /** A header by name, the convention's names included ({@code SB_TYPE}, ...). */
    String value(String name) {
        return switch (name) {
            case BridgeHeaders.MESSAGE_ID -> id;
            case BridgeHeaders.TYPE -> type;
            case BridgeHeaders.OPERATION -> operation;
            case BridgeHeaders.CORRELATION_ID -> correlationId;
            case BridgeHeaders.CONTENT_TYPE -> contentType;
            default -> headers.get(name);
        };
    }
}
