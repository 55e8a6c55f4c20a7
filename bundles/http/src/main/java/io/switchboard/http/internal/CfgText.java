package io.switchboard.http.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.felix.utils.properties.Properties;

/**
 * Writes a {@code .cfg} file with new values while keeping what the operator wrote around them: comments stay with
 * the key they precede, keys keep their order (a line whose value is unchanged keeps its own spelling), new keys come
 * last, removed keys go with their comments. The layout is kept by Felix Utils' {@code Properties}, the class under
 * the {@code TypedProperties} FileInstall rewrites its files with.
 * <p>
 * The deployer reads a {@code .cfg} as plain Java properties: every value a string. So this writes the untyped form
 * and not {@code TypedProperties}, which switches a file whose values all look typed ({@code greeting = "hi"}) to
 * typed syntax and would then write {@code added = "x"}: the deployer would read the quotes as part of the value.
 * A value that is not a string is written as its text, an array or collection as its items joined by commas (the
 * form the console sends a list as for a {@code .cfg}).
 */
final class CfgText {

    private CfgText() {
    }

    /** @param old the file's text, or null for a new file */
    static String rewrite(String old, Map<String, ?> values) throws IOException {
        // without substitution: ${...} in a value is the operator's text, kept as written
        Properties cfg = new Properties(false);
        if (old != null) {
            cfg.load(new StringReader(old));
        }
        cfg.keySet().retainAll(values.keySet());
        new TreeMap<>(values).forEach((key, value) -> cfg.put(key, text(value)));
        StringWriter out = new StringWriter();
        cfg.save(out);
        return out.toString();
    }

    private static String text(Object value) {
        if (value != null && value.getClass().isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(Array.get(value, i));
            }
            return text(items);
        }
        if (value instanceof Collection<?> items) {
            return String.join(",", items.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}
