package io.switchboard.bridge.exec.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a program's exit code means: {@code ok}, {@code transient} (try again later) or {@code permanent} (never).
 * Written as {@code ok = 0, 1; transient = 75, 69} (or one such entry per element of a list); what the setting does
 * not name keeps its default: 0 ok, 75 ({@code EX_TEMPFAIL} of sysexits.h) transient, every other code permanent.
 */
final class ExitCodes {

    enum Meaning {
        OK, TRANSIENT, PERMANENT
    }

    static final ExitCodes DEFAULT = new ExitCodes(Map.of(0, Meaning.OK, 75, Meaning.TRANSIENT));

    private final Map<Integer, Meaning> codes;

    private ExitCodes(Map<Integer, Meaning> codes) {
        this.codes = Map.copyOf(codes);
    }

    Meaning of(int exitCode) {
        return codes.getOrDefault(exitCode, Meaning.PERMANENT);
    }

    /**
     * @param entries {@code meaning = code, code} entries, each possibly holding several separated by {@code ;}
     * @throws IllegalArgumentException naming {@code exitCodes} and the entry that is wrong
     */
    static ExitCodes parse(List<String> entries) {
        Map<Integer, Meaning> named = new HashMap<>();
        for (String element : entries) {
            for (String entry : element.split(";")) {
                if (!entry.isBlank()) {
                    entry(entry.trim(), named);
                }
            }
        }
        if (named.isEmpty()) {
            return DEFAULT;
        }
        Map<Integer, Meaning> codes = new HashMap<>(DEFAULT.codes);
        // a code the setting moves elsewhere leaves its default meaning: "ok = 0, 1" keeps 75 transient,
        // "permanent = 75" makes 75 permanent
        codes.putAll(named);
        return new ExitCodes(codes);
    }

    private static void entry(String entry, Map<Integer, Meaning> named) {
        int eq = entry.indexOf('=');
        if (eq < 0) {
            throw wrong(entry, "write it as ok|transient|permanent = code, code");
        }
        Meaning meaning;
        try {
            meaning = Meaning.valueOf(entry.substring(0, eq).trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw wrong(entry, "the meaning must be ok, transient or permanent");
        }
        for (String code : entry.substring(eq + 1).split(",")) {
            int value;
            try {
                value = Integer.parseInt(code.trim());
            } catch (NumberFormatException e) {
                throw wrong(entry, "'" + code.trim() + "' is not an exit code");
            }
            if (value < 0 || value > 255) {
                throw wrong(entry, value + " is not an exit code (0-255)");
            }
            Meaning before = named.put(value, meaning);
            if (before != null && before != meaning) {
                throw wrong(entry, value + " is both " + before.name().toLowerCase(java.util.Locale.ROOT) + " and "
                        + meaning.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    private static IllegalArgumentException wrong(String entry, String why) {
        return new IllegalArgumentException("exitCodes: '" + entry + "': " + why);
    }

    @Override
    public String toString() {
        return codes.toString();
    }
}
