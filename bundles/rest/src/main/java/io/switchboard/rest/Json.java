package io.switchboard.rest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every JSON answer of the API goes through here: one mapper, one content type, no caching, one error shape. */
public final class Json {

    /** Instants as ISO-8601 text, as every answer of the API has written them. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));
    /** A refused body up to this size is read away so a kept-alive connection stays usable; a larger one closes it. */
    private static final long DISCARDED = 1 << 20;

    private Json() {
    }

    public static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        MAPPER.writeValue(response.getOutputStream(), body);
    }

    /** {@code {"error": code, "message": message}}. */
    public static void error(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        write(response, status, body);
    }

    /**
     * A request body as a JSON tree (a missing node when it is empty).
     *
     * @throws ApiException 400 when it is not JSON, saying where
     */
    public static JsonNode read(InputStream body) throws IOException {
        try {
            JsonNode tree = MAPPER.readTree(body);
            return tree == null ? MAPPER.missingNode() : tree;
        } catch (JacksonException e) {
            throw ApiException.badRequest("the request body is not JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Reads away the body of a request answered without it (refused), so the client can reuse the connection: an
     * unread body left on a kept-alive connection has clients fail their next request on it. A body over 1 MB, or
     * of unknown length, is not read: the connection is closed instead.
     */
    public static void discardBody(HttpServletRequest request, HttpServletResponse response) {
        long length = request.getContentLengthLong();
        if (length == 0) {
            return;
        }
        if (length < 0 || length > DISCARDED) {
            if (!response.isCommitted()) {
                response.setHeader("Connection", "close");
            }
            return;
        }
        try {
            request.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException | IllegalStateException e) {
            // the client went away, or the body was already taken as a reader: nothing to keep usable
        }
    }
}
