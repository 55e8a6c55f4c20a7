package io.switchboard.http.internal;

import io.switchboard.rest.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * Which path a request is for. Access is decided on the path the container resolved and the servlet serves (decoded,
 * dot segments removed), never on the raw request URI: {@code /api/v1/tokens/../dispatch/...} is a dispatch request,
 * whatever its first segments say. Raw paths that read differently before and after that resolution (dot segments,
 * empty segments, path parameters, encoded separators, dots or percents, backslashes) are refused outright: no client
 * of ours sends them, and nothing is left for two readings to disagree on.
 */
final class RequestPaths {

    private static final String[] ENCODED = {"%2e", "%2f", "%5c", "%25", "%3b", "%00"};

    private RequestPaths() {
    }

    /** The path inside the servlet context that the container resolved for the servlet: what is actually served. */
    static String served(HttpServletRequest request) {
        String servlet = request.getServletPath() == null ? "" : request.getServletPath();
        return servlet + (request.getPathInfo() == null ? "" : request.getPathInfo());
    }

    /** Why a raw request path (no query) is refused, or null when it reads one way only. */
    static String ambiguity(String raw) {
        if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
            return "the path must start with /";
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        for (String e : ENCODED) {
            if (lower.contains(e)) {
                return "an encoded '" + e + "' (a separator, dot or percent in disguise)";
            }
        }
        if (raw.indexOf(';') >= 0) {
            return "a path parameter (';')";
        }
        if (raw.indexOf('\\') >= 0) {
            return "a backslash";
        }
        if (raw.contains("//")) {
            return "an empty segment ('//')";
        }
        for (String segment : raw.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return "a dot segment ('" + segment + "')";
            }
        }
        for (int i = 0; i < raw.length(); i++) {
            if (Character.isISOControl(raw.charAt(i))) {
                return "a control character";
            }
        }
        return null;
    }

    /** True when the request's raw path is clear; otherwise answers 400 naming what is wrong and returns false. */
    static boolean clear(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String why = ambiguity(request.getRequestURI());
        if (why == null) {
            return true;
        }
        Json.discardBody(request, response);
        Json.error(response, HttpServletResponse.SC_BAD_REQUEST, "bad-path", "the request path has " + why
                + ": send the plain path (no '.', '..', '//', ';' or encoded separators)");
        return false;
    }
}
