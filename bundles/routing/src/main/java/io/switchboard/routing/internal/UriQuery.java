package io.switchboard.routing.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A source URI cut at its {@code ?}: the part before it and its options, {@code name=value} pairs joined by
 * {@code &}. Which options a source takes, and what their values may be, its parser says.
 */
record UriQuery(String path, List<Option> options) {

    /** One {@code name=value} as written ({@code text}); {@code value} is null when there is no {@code =}. */
    record Option(String text, String name, String value) {
    }

    static UriQuery parse(String uri) {
        String[] parts = uri.split("\\?", 2);
        List<Option> options = new ArrayList<>();
        if (parts.length == 2) {
            for (String kv : parts[1].split("&")) {
                String[] o = kv.split("=", 2);
                options.add(new Option(kv, o[0], o.length == 2 ? o[1] : null));
            }
        }
        return new UriQuery(parts[0], List.copyOf(options));
    }
}
