package io.switchboard.routing;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A message as a route hands it to a bridge's target: headers (JMS property values: strings, numbers, booleans) and
 * the body.
 *
 * @param headers the headers, read-only
 * @param body the body bytes
 * @param text whether the body is text (UTF-8), as a JMS text message, or bytes
 */
public record RouteMessage(Map<String, Object> headers, byte[] body, boolean text) {

    public RouteMessage {
        headers = Map.copyOf(headers);
    }

    /** The body as text (UTF-8). */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
