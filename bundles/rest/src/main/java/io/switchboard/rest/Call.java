package io.switchboard.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.kernel.api.Account;
import io.switchboard.kernel.api.ApiResource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One request to a resource: its path's named segments, its query, its JSON body. The query is read from the
 * query string only, never from a form body, so a body sent with a form content type (curl's default) stays the
 * handler's to read.
 */
public final class Call {

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Map<String, String> path;
    private Map<String, String> query;
    private JsonNode json;

    Call(HttpServletRequest request, HttpServletResponse response, Map<String, String> path) {
        this.request = request;
        this.response = response;
        this.path = path;
    }

    /** The value of the template's segment {@code {name}}. */
    public String path(String name) {
        String value = path.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the path template has no segment {" + name + "}");
        }
        return value;
    }

    /** The first value of a query parameter, or null. */
    public String query(String name) {
        if (query == null) {
            query = parse(request.getQueryString());
        }
        return query.get(name);
    }

    /** The first value of a query parameter, or {@code fallback} when absent or blank. */
    public String query(String name, String fallback) {
        String value = query(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * A query parameter as a whole number within bounds, {@code fallback} when absent.
     *
     * @throws ApiException 400 naming the parameter when it is not such a number
     */
    public int query(String name, int fallback, int min, int max) {
        String value = query(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("query parameter '" + name + "' must be a whole number from " + min + " to "
                + max + ", not '" + value + "'");
    }

    /** A JSON body is read whole into memory: this much and no more (413 beyond). */
    static final int MAX_JSON = 1 << 20;

    /**
     * The body as a JSON object.
     *
     * @throws ApiException 400 when it is not JSON or not an object
     */
    public JsonNode body() throws IOException {
        JsonNode body = json();
        if (!body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return body;
    }

    /**
     * The body as a JSON object, an empty one when there is no body.
     *
     * @throws ApiException 400 when there is a body that is not a JSON object
     */
    public JsonNode bodyOrEmpty() throws IOException {
        JsonNode body = json();
        return body.isMissingNode() ? Json.object() : body();
    }

    /** The body as any JSON value, a missing node when there is no body. */
    public JsonNode json() throws IOException {
        if (json == null) {
            readJson();
        }
        return json;
    }

    /** Reads and checks the JSON body, once: 413 past {@link #MAX_JSON}, 400 when it is not JSON. */
    void readJson() throws IOException {
        if (json != null) {
            return;
        }
        if (request.getContentLengthLong() > MAX_JSON) {
            throw tooLarge();
        }
        byte[] bytes = request.getInputStream().readNBytes(MAX_JSON + 1);
        if (bytes.length > MAX_JSON) {
            throw tooLarge();
        }
        json = Json.read(new ByteArrayInputStream(bytes));
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "too-large", "a JSON body is at most " + MAX_JSON + " bytes");
    }

    /** The authenticated caller (the API context put it on the request). */
    public Account account() {
        return (Account) request.getAttribute(ApiResource.ACCOUNT_ATTRIBUTE);
    }

    /**
     * Goes on only when the caller holds one of the roles; the API context already keeps viewers from changing
     * anything, so a resource asks this for what needs more than that, or to say so itself.
     *
     * @throws ApiException 403 naming the roles needed and those the caller has
     */
    public void requireRole(String... anyOf) {
        Account account = account();
        if (account != null && Arrays.stream(anyOf).anyMatch(account::hasRole)) {
            return;
        }
        throw new ApiException(403, "forbidden", request.getMethod() + " /api" + RestResource.served(request)
                + " needs the " + Arrays.stream(anyOf).map(r -> "'" + r + "'").collect(Collectors.joining(" or "))
                + " role; " + (account == null ? "nobody has no roles" : account.name() + " has " + account.roles()));
    }

    /** The authenticated user's name (the API context authenticated the request before any resource sees it). */
    public String user() {
        return request.getRemoteUser();
    }

    public HttpServletRequest request() {
        return request;
    }

    public HttpServletResponse response() {
        return response;
    }

    /** A query string's parameters, decoded, the first value of each. */
    static Map<String, String> parse(String queryString) {
        Map<String, String> values = new LinkedHashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return values;
        }
        for (String pair : queryString.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.putIfAbsent(name, value);
        }
        return values;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the query string is not well encoded: " + e.getMessage());
        }
    }
}
