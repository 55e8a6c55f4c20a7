package io.switchboard.dispatch;

import io.switchboard.dispatch.internal.JsonCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An immutable message: what a caller sends and a handler receives.
 *
 * <p>The {@link #type()} is a dot-separated hierarchy ({@code shape.circle}); a handler of {@code shape} also
 * receives {@code shape.circle} when nothing more specific is registered. The body is bytes with a content type,
 * JSON by default; {@link #body(Class)} decodes it into a plain Java object (a public record or bean) and
 * {@link Builder#json(Object)} encodes one. Headers are string properties carried on the wire as JMS properties.
 */
public final class Message {

    /** The media type of JSON bodies, the default. */
    public static final String JSON = "application/json";

    /**
     * The longest type there may be, in characters. A type travels in every message's properties and every log line
     * about it; no hierarchy needs more.
     */
    public static final int MAX_TYPE_LENGTH = 255;
    private static final byte[] EMPTY = new byte[0];

    private final String id;
    private final String type;
    private final String operation;
    private final Map<String, String> headers;
    private final byte[] body;
    private final String contentType;
    private final String correlationId;
    private final String replyTo;
    private final String group;

    private Message(Builder b) {
        this.id = b.id == null ? UUID.randomUUID().toString() : b.id;
        this.type = b.type;
        this.operation = b.operation;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.body = b.body;
        this.contentType = b.contentType;
        this.correlationId = b.correlationId;
        this.replyTo = b.replyTo;
        this.group = b.group;
    }

    /** A builder for a message of the given type. */
    public static Builder builder(String type) {
        return new Builder().type(type);
    }

    /** A builder for a message without a type (a reply, or one that gets its type later). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether {@code type} is a valid type: dot-separated, non-empty segments of ASCII letters, digits, {@code _} and
     * {@code -}, at most {@value #MAX_TYPE_LENGTH} characters in all. Checked in one pass over the characters, so any
     * string, however long, costs no more than its length (a regular expression's repeated group recursed per segment
     * and overflowed the stack on a 4 kB type).
     */
    public static boolean isValidType(String type) {
        if (type == null || type.isEmpty() || type.length() > MAX_TYPE_LENGTH) {
            return false;
        }
        boolean segmentStart = true;
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (c == '.') {
                if (segmentStart) {
                    return false; // a leading dot or two dots in a row: an empty segment
                }
                segmentStart = true;
            } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
                segmentStart = false;
            } else {
                return false;
            }
        }
        return !segmentStart; // not ending in a dot
    }

    /**
     * Why {@code type} is not valid, for an error message: quoted with its control characters escaped and cut to
     * {@value #MAX_TYPE_LENGTH} characters, so a hostile type never writes a log line of its own or a huge one.
     */
    public static String typeProblem(String type) {
        if (type == null || type.isEmpty()) {
            return "the type is missing: set it to a dot-separated name, e.g. shape.circle";
        }
        String shown = quoted(type, MAX_TYPE_LENGTH);
        return type.length() > MAX_TYPE_LENGTH
                ? "type " + shown + " is " + type.length() + " characters long; at most " + MAX_TYPE_LENGTH
                        + " are allowed"
                : "type " + shown + " is not a dot-separated name of letters, digits, '_' and '-' (e.g. shape.circle)";
    }

    /** {@code value} in single quotes, its control characters escaped, at most {@code max} of its characters. */
    static String quoted(String value, int max) {
        StringBuilder b = new StringBuilder(Math.min(value.length(), max) + 8).append('\'');
        for (int i = 0; i < value.length() && i < max; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('\'');
        return value.length() > max ? b + "… (" + value.length() + " characters)" : b.toString();
    }

    /** A builder holding everything this message holds. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.type = type;
        b.operation = operation;
        b.headers.putAll(headers);
        b.body = body;
        b.contentType = contentType;
        b.correlationId = correlationId;
        b.replyTo = replyTo;
        b.group = group;
        return b;
    }

    /** Unique id; the JMS message id on the wire when the message came from a client. */
    public String id() {
        return id;
    }

    /** The type; null only on replies. */
    public String type() {
        return type;
    }

    /** The operation, or null when the sender named none. */
    public String operation() {
        return operation;
    }

    /** The headers (string properties), unmodifiable; never null. */
    public Map<String, String> headers() {
        return headers;
    }

    /** One header, or null. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The body as a read-only buffer (not a copy: large bodies are not duplicated). */
    public ByteBuffer body() {
        return ByteBuffer.wrap(body).asReadOnlyBuffer();
    }

    /** A copy of the body. */
    public byte[] bodyBytes() {
        return body.clone();
    }

    /** The body size in bytes. */
    public int bodySize() {
        return body.length;
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The body decoded from JSON into {@code type}: a public record or bean, a {@code Map}, a {@code String}...
     *
     * @throws PayloadException when the body is not JSON of that shape (the message says where it broke)
     */
    public <T> T body(Class<T> type) {
        return JsonCodec.decode(body, type);
    }

    /** The body's media type; {@value #JSON} unless the sender said otherwise. */
    public String contentType() {
        return contentType;
    }

    /** The correlation id, or null. Replies carry the request's correlation id, or its id when it had none. */
    public String correlationId() {
        return correlationId;
    }

    /** The queue a reply should go to, or null when no reply is wanted. */
    public String replyTo() {
        return replyTo;
    }

    /** The ordering group ({@code JMSXGroupID}): messages of one group are handled in order. Null for none. */
    public String group() {
        return group;
    }

    @Override
    public String toString() {
        return "Message[id=" + id + ", type=" + type + (operation == null ? "" : ", operation=" + operation)
                + ", " + body.length + " bytes " + contentType + "]";
    }

    /** Builds a {@link Message}; not thread-safe. */
    public static final class Builder {
        private String id;
        private String type;
        private String operation;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body = EMPTY;
        private String contentType = JSON;
        private String correlationId;
        private String replyTo;
        private String group;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * @throws IllegalArgumentException when the type is not dot-separated letters, digits, _ and -, or longer than
         *         {@value Message#MAX_TYPE_LENGTH} characters
         */
        public Builder type(String type) {
            if (type != null && !isValidType(type)) {
                throw new IllegalArgumentException(typeProblem(type));
            }
            this.type = type;
            return this;
        }

        public Builder operation(String operation) {
            this.operation = operation == null || operation.isEmpty() ? null : operation;
            return this;
        }

        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "header name");
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
            return this;
        }

        /** The body and its media type; the array is kept, not copied. */
        public Builder body(byte[] body, String contentType) {
            this.body = body == null ? EMPTY : body;
            this.contentType = contentType == null ? JSON : contentType;
            return this;
        }

        /** A text body ({@code text/plain; charset=utf-8}). */
        public Builder text(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
        }

        /** The value encoded as JSON. */
        public Builder json(Object value) {
            return body(JsonCodec.encode(value), JSON);
        }

        public Builder correlationId(String correlationId) {
            this.correlationId = correlationId;
            return this;
        }

        public Builder replyTo(String queue) {
            this.replyTo = queue;
            return this;
        }

        public Builder group(String group) {
            this.group = group;
            return this;
        }

        public Message build() {
            return new Message(this);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && id.equals(m.id) && Objects.equals(type, m.type)
                && Objects.equals(operation, m.operation) && headers.equals(m.headers) && Arrays.equals(body, m.body)
                && Objects.equals(contentType, m.contentType) && Objects.equals(correlationId, m.correlationId)
                && Objects.equals(replyTo, m.replyTo) && Objects.equals(group, m.group);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
