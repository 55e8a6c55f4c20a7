package io.switchboard.kernel.api;

/**
 * A value from outside (a user name, a path, a message type) made fit for one log line: control characters escaped
 * ({@code \n} as {@code \u000a}), so nobody can write a fake line, and cut to a length, so nobody can make a line huge.
 */
public final class LogText {

    private LogText() {
    }

    /**
     * @param value any value; null gives {@code "null"}
     * @param max   the most characters kept of the value; a longer one ends in {@code …(N chars)}
     */
    public static String of(Object value, int max) {
        String s = String.valueOf(value);
        int keep = Math.min(s.length(), max);
        StringBuilder out = new StringBuilder(keep + 16);
        for (int i = 0; i < keep; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (s.length() > max) {
            out.append("…(").append(s.length()).append(" chars)");
        }
        return out.toString();
    }
}
