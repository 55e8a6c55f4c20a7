package io.switchboard.http.internal;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Writes a {@code .cfg} file (Java properties, UTF-8, as the deployer reads it) with new values while keeping what
 * the operator wrote around them: comments stay with the key they precede, keys keep their order, new keys come
 * last, removed keys go with their comments.
 */
final class CfgText {

    private CfgText() {
    }

    static String rewrite(String old, Map<String, String> values) {
        Map<String, String> remaining = new TreeMap<>(values);
        StringBuilder out = new StringBuilder();
        List<String> pendingComments = new ArrayList<>();
        List<String> lines = old == null ? List.of() : old.lines().toList();
        boolean header = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith("!")) {
                pendingComments.add(line);
                if (stripped.isEmpty() && header) {
                    // a blank line ends the file's header: it stays whatever happens to the first key
                    pendingComments.forEach(c -> out.append(c).append('\n'));
                    pendingComments.clear();
                }
                continue;
            }
            header = false;
            StringBuilder logical = new StringBuilder(line);
            while (endsWithOddBackslashes(lines.get(i)) && i + 1 < lines.size()) {
                logical.append('\n').append(lines.get(++i));
            }
            String key = keyOf(logical.toString());
            if (key != null && remaining.containsKey(key)) {
                pendingComments.forEach(c -> out.append(c).append('\n'));
                out.append(entry(key, remaining.remove(key))).append('\n');
            }
            pendingComments.clear();
        }
        pendingComments.forEach(c -> out.append(c).append('\n'));
        remaining.forEach((k, v) -> out.append(entry(k, v)).append('\n'));
        return out.toString();
    }

    static Map<String, String> read(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).trim()));
        return m;
    }

    private static String keyOf(String logicalLine) {
        try {
            Properties p = new Properties();
            p.load(new StringReader(logicalLine));
            return p.stringPropertyNames().stream().findFirst().orElse(null);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    static String entry(String key, String value) {
        return escape(key, true) + " = " + escape(value, false);
    }

    private static String escape(String s, boolean key) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\f' -> b.append("\\f");
                case ' ' -> b.append(key || i == 0 ? "\\ " : " ");
                case '=', ':', '#', '!' -> {
                    if (key || i == 0) {
                        b.append('\\');
                    }
                    b.append(c);
                }
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean endsWithOddBackslashes(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }
}
