package io.switchboard.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A path under {@code /api} with named segments, {@code /v1/tokens/{id}}: a {@code {name}} segment matches one
 * non-empty segment of a request's path; every other segment matches only itself.
 */
public final class PathTemplate {

    private final String text;
    private final List<String> segments;

    private PathTemplate(String text, List<String> segments) {
        this.text = text;
        this.segments = segments;
    }

    /**
     * @throws IllegalArgumentException when the template does not start with '/' or a segment is empty
     */
    public static PathTemplate of(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with '/': " + text);
        }
        List<String> segments = split(text);
        if (segments.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("a path template has no empty segment: " + text);
        }
        return new PathTemplate(text, segments);
    }

    /** The values of the named segments, in order, when the path matches. */
    public Optional<Map<String, String>> match(String path) {
        List<String> given = split(path);
        if (given.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            String actual = given.get(i);
            if (isName(expected)) {
                if (actual.isEmpty()) {
                    return Optional.empty();
                }
                values.put(expected.substring(1, expected.length() - 1), actual);
            } else if (!expected.equals(actual)) {
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }

    /** How many segments are named: fewer names match more specifically. */
    int names() {
        return (int) segments.stream().filter(PathTemplate::isName).count();
    }

    @Override
    public String toString() {
        return text;
    }

    private static boolean isName(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    private static List<String> split(String path) {
        List<String> segments = new ArrayList<>();
        int start = 1;
        for (int i = 1; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                segments.add(path.substring(start, i));
                start = i + 1;
            }
        }
        return segments;
    }
}
