package io.switchboard.bridge.http.internal;

import io.switchboard.bridge.BridgeHeaders;
import io.switchboard.routing.RouteMessage;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An HTTP request as a message, by the bridges' header convention: {@code X-Switchboard-Type} and
 * {@code -Operation}, {@code X-Correlation-Id}, {@code X-Reply-To} and {@code Content-Type} become {@code SB_TYPE},
 * {@code SB_OPERATION}, {@code SB_CORRELATION_ID}, {@code SB_REPLY_TO} and {@code SB_CONTENT_TYPE}; the delivery id
 * (or a new one) {@code SB_MESSAGE_ID}; every other header keeps its name, escaped when JMS cannot carry it
 * ({@code X-GitHub-Event} → {@code __X_hGitHub_hEvent}). Credentials, cookies and hop-by-hop headers never travel
 * on. The request's method and path are {@code SB_HTTP_METHOD} and {@code SB_HTTP_PATH}.
 */
final class HookMessages {

    private static final Set<String> DROPPED = Set.of("authorization", "proxy-authorization", "cookie", "connection",
            "keep-alive", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect",
            "proxy-connection");
    private static final Map<String, String> CONVENTION = Map.of(
            BridgeHeaders.HTTP_TYPE.toLowerCase(Locale.ROOT), BridgeHeaders.TYPE,
            BridgeHeaders.HTTP_OPERATION.toLowerCase(Locale.ROOT), BridgeHeaders.OPERATION,
            BridgeHeaders.HTTP_CORRELATION_ID.toLowerCase(Locale.ROOT), BridgeHeaders.CORRELATION_ID,
            BridgeHeaders.HTTP_REPLY_TO.toLowerCase(Locale.ROOT), BridgeHeaders.REPLY_TO,
            "content-type", BridgeHeaders.CONTENT_TYPE);
    /** Header values longer than this are cut (a header is metadata, not a payload). */
    static final int MAX_VALUE = 4096;

    private HookMessages() {
    }

    static RouteMessage of(HttpServletRequest request, byte[] body, String messageId, String source) {
        Map<String, Object> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (DROPPED.contains(lower) || lower.equals(BridgeHeaders.HTTP_MESSAGE_ID.toLowerCase(Locale.ROOT))) {
                continue;
            }
            String value = String.join(", ", Collections.list(request.getHeaders(name)));
            if (value.length() > MAX_VALUE) {
                value = value.substring(0, MAX_VALUE);
            }
            String mapped = CONVENTION.get(lower);
            headers.put(mapped != null ? mapped : BridgeHeaders.escape(name), value);
        }
        headers.put(BridgeHeaders.MESSAGE_ID, messageId);
        headers.put(BridgeHeaders.SOURCE, source);
        headers.put("SB_HTTP_METHOD", request.getMethod());
        headers.put("SB_HTTP_PATH", request.getRequestURI());
        return new RouteMessage(headers, body, isText(request.getContentType()));
    }

    /** Text bodies: text/*, JSON, XML, forms; anything else travels as bytes. */
    static boolean isText(String contentType) {
        String media = HookSettings.mediaType(contentType);
        return media.isEmpty() || media.startsWith("text/") || media.endsWith("json") || media.endsWith("xml")
                || media.equals("application/x-www-form-urlencoded");
    }
}
