package io.switchboard.http.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** Every JSON answer of the HTTP bundle goes through here: one mapper, one content type, one error shape. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        MAPPER.writeValue(response.getOutputStream(), body);
    }

    /**
     * The request body as a JSON object, or null after answering 400 (not JSON, or not an object).
     */
    static JsonNode readObject(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonNode body;
        try {
            body = MAPPER.readTree(request.getInputStream());
        } catch (JsonProcessingException e) {
            error(response, 400, "bad-request", "the body is not JSON: " + e.getOriginalMessage());
            return null;
        }
        if (body == null || !body.isObject()) {
            error(response, 400, "bad-request", "the body must be a JSON object");
            return null;
        }
        return body;
    }

    static JsonNode emptyObject() {
        return MAPPER.createObjectNode();
    }

    /**
     * Reads away the body of a request answered without it (refused), so the client can reuse the connection: an
     * unread body left on a kept-alive connection has clients fail their next request on it. A body over 1 MB, or
     * of unknown length, is not read: the connection is closed instead.
     */
    static void discardBody(HttpServletRequest request, HttpServletResponse response) {
        long length = request.getContentLengthLong();
        if (length == 0) {
            return;
        }
        if (length < 0 || length > 1 << 20) {
            if (!response.isCommitted()) {
                response.setHeader("Connection", "close");
            }
            return;
        }
        try {
            request.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the client went away: nothing to keep usable
        }
    }

    /** {@code {"error": code, "message": message}}. */
    static void error(HttpServletResponse response, int status, String code, String message) throws IOException {
        write(response, status, Map.of("error", code, "message", message));
    }

    /**
     * A request body as a JSON tree (a missing node when it is empty).
     *
     * @throws IllegalArgumentException when it is not JSON, saying where
     */
    static JsonNode read(InputStream body) throws IOException {
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the request body is not JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        }
    }
}
