package io.switchboard.kernel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the kernel's {@code ${switchboard.*}} placeholders in configuration text (broker.xml,
 * framework.properties). Other {@code ${...}} forms are left for the file's own reader.
 */
public final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(switchboard\\.[A-Za-z.-]+)}");

    private Placeholders() {
    }

    /** @throws IOException naming the file and line of a placeholder that has no value */
    public static String fill(String text, Map<String, String> values, Path source) throws IOException {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                int line = text.substring(0, m.start()).split("\n", -1).length;
                throw new IOException(source + ":" + line + ": unknown placeholder ${" + m.group(1)
                        + "}; known: " + String.join(", ", values.keySet()));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
