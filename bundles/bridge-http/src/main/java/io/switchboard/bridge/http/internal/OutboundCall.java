package io.switchboard.bridge.http.internal;

import io.switchboard.bridge.BridgeHeaders;
import io.switchboard.kernel.api.Secrets;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request of an HTTP out instance: the URL template filled from the message's headers, the convention's headers
 * ({@code X-Switchboard-Type}, {@code Idempotency-Key}, ...), the message's own headers that HTTP may carry, the
 * configured ones over them, an optional signature; and what its answer means: 2xx delivered; 408, 425, 429 and 5xx
 * transient (with the answer's {@code Retry-After}); any other status permanent.
 */
final class OutboundCall {

    /** Headers a message never sets (lower case): credentials, hop-by-hop, forwarding, and what this sets. */
    static final Set<String> RESERVED = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "host",
            "content-length", "transfer-encoding", "connection", "keep-alive", "proxy-connection", "upgrade", "te",
            "trailer", "expect", "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-real-ip",
            "content-type", "idempotency-key", "x-switchboard-message-id", "x-switchboard-type",
            "x-switchboard-operation", "x-correlation-id", "webhook-id", "webhook-timestamp", "webhook-signature",
            "x-hub-signature-256");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");

    /** What an answer came to. */
    record Answer(boolean delivered, boolean permanent, String reason, Duration retryAfter) {
    }

    private OutboundCall() {
    }

    /** @throws IllegalArgumentException naming what the message lacks or HTTP cannot carry (its own fault) */
    static HttpRequest request(HttpOutSettings s, Outgoing m, Instant now) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url(s.url(), m))).timeout(s.timeout())
                .method(s.method(), HttpRequest.BodyPublishers.ofByteArray(m.body()))
                .header("Content-Type", value("content type", m.contentType()))
                .header("Idempotency-Key", value("message id", m.id()))
                .header(BridgeHeaders.HTTP_MESSAGE_ID, m.id());
        if (m.type() != null) {
            r.header(BridgeHeaders.HTTP_TYPE, value("type", m.type()));
        }
        if (m.operation() != null) {
            r.header(BridgeHeaders.HTTP_OPERATION, value("operation", m.operation()));
        }
        if (m.correlationId() != null) {
            r.header(BridgeHeaders.HTTP_CORRELATION_ID, value("correlation id", m.correlationId()));
        }
        m.headers().forEach((name, v) -> {
            if (TOKEN.matcher(name).matches() && !RESERVED.contains(name.toLowerCase(Locale.ROOT))
                    && !name.startsWith("SB_") && !name.startsWith("JMS") && !name.startsWith("_")) {
                r.header(name, value("header " + name, v));
            }
        });
        s.headers().forEach(r::setHeader);
        if ("hmac-sha256".equals(s.sign())) {
            r.setHeader(Signatures.GITHUB_HEADER, Signatures.github(s.key(), m.body()));
        } else if ("standard-webhooks".equals(s.sign())) {
            long ts = now.getEpochSecond();
            r.setHeader(Signatures.SW_ID, m.id());
            r.setHeader(Signatures.SW_TIMESTAMP, Long.toString(ts));
            r.setHeader(Signatures.SW_SIGNATURE, Signatures.standard(s.key(), m.id(), ts, m.body()));
        }
        return r.build();
    }

    /** The URL with each {@code {name}} replaced by the message's header, URL-encoded. */
    static String url(String template, Outgoing m) {
        Matcher x = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (x.find()) {
            String v = m.value(x.group(1));
            if (v == null) {
                throw new IllegalArgumentException("the URL needs the header " + x.group(1) + ", which the message has not");
            }
            x.appendReplacement(out, Matcher.quoteReplacement(URLEncoder.encode(v, StandardCharsets.UTF_8)
                    .replace("+", "%20")));
        }
        x.appendTail(out);
        return out.toString();
    }

    static Answer answer(HttpResponse<String> response, Instant now) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Answer(true, false, null, null);
        }
        String body = response.body() == null ? "" : response.body().strip().replaceAll("\\s+", " ");
        String reason = "HTTP " + status + " from " + Secrets.mask(response.uri().toString())
                + (body.isEmpty() ? "" : ": " + (body.length() <= 200 ? body : body.substring(0, 200) + "..."));
        boolean transientStatus = status == 408 || status == 425 || status == 429 || status >= 500;
        return new Answer(false, !transientStatus, reason,
                transientStatus ? retryAfter(response.headers().firstValue("Retry-After").orElse(null), now) : null);
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private static String value(String what, String value) {
        if (value == null || value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
            throw new IllegalArgumentException(what + ": its value has a line break or another character an HTTP "
                    + "header cannot carry; not sent (the message is refused, the endpoint is not at fault)");
        }
        return value;
    }
}
