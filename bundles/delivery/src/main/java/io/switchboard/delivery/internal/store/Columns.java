package io.switchboard.delivery.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.dispatch.Message;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * How values are held in {@code sb_delivery}'s columns: a message's headers as a JSON object, instants in
 * microseconds, errors cut to the column's length; and a row read back as the message it stored.
 */
final class Columns {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR = 2000;

    private Columns() {
    }

    /** The message a row stores. */
    static Message message(DeliveryRow r) {
        Message.Builder b = Message.builder().id(r.messageId).operation(r.operation).body(r.body, r.contentType);
        if (r.type != null) {
            b.type(r.type);
        }
        try {
            Map<String, String> headers = JSON.readValue(r.headers, new TypeReference<Map<String, String>>() { });
            headers.forEach(b::header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored headers of delivery " + r.id + " are not JSON", e);
        }
        return b.build();
    }

    /** The {@code headers} column of a message. */
    static String headers(Map<String, String> headers) {
        try {
            return JSON.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The columns hold microseconds; a rounded-up nanosecond instant would not be due at the same instant. */
    static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** The {@code last_error} column of a failure's reason. */
    static String error(String reason) {
        return reason == null || reason.length() <= MAX_ERROR ? reason : reason.substring(0, MAX_ERROR);
    }
}
