package io.switchboard.delivery;

import java.util.List;
import java.util.Map;

/**
 * A stored message with all it carries.
 *
 * @param message its summary
 * @param headers its headers
 * @param contentType its body's content type
 * @param body its body
 * @param attempts every attempt, oldest first, across replays
 */
public record MessageDetail(StoredMessage message, Map<String, String> headers, String contentType, byte[] body,
        List<AttemptInfo> attempts) {

    public MessageDetail {
        headers = Map.copyOf(headers);
        attempts = List.copyOf(attempts);
    }
}
