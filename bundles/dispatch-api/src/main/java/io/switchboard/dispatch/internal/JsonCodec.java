package io.switchboard.dispatch.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.dispatch.PayloadException;
import java.io.IOException;

/** The JSON codec behind Message bodies: Jackson, strict about missing fields, tolerant of extra ones. */
public final class JsonCodec {

    // A tolerant reader (extra fields are ignored) that still refuses a body missing what the record needs,
    // so {"side": 2} sent to a circle fails as bad-payload instead of computing with radius 0.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private JsonCodec() {
    }

    public static <T> T decode(byte[] json, Class<T> type) {
        try {
            if (json.length == 0) {
                throw new PayloadException("empty body, expected JSON for " + type.getSimpleName(), null);
            }
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new PayloadException("body is not JSON for " + type.getSimpleName() + ": " + e.getOriginalMessage()
                    + location(e), e);
        } catch (IOException e) {
            throw new PayloadException("body could not be read: " + e.getMessage(), e);
        }
    }

    public static byte[] encode(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
