package io.switchboard.http.internal;

import io.switchboard.kernel.api.LogText;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who changed what, when: every state-changing HTTP request (whatever its outcome), every login, logout and lockout,
 * in {@code data/http/audit.log}. Failed logins, which anybody can cause without an account, go to their own file,
 * {@code data/http/login-failures.log}, at most {@link #FAILURES_PER_MINUTE} itemised a minute (the rest summed up in
 * one line), so they can never push the record of changes out. Each file keeps two generations of 16 MB; the last
 * {@link #KEPT} changes and {@link #FAILURES_KEPT} failures are held in memory for the console. Every field is cut to
 * a bounded length with control characters escaped. Delivery keeps its own audit of message operations as well.
 */
final class AuditLog implements AutoCloseable {

    static final int KEPT = 2_000;
    static final int FAILURES_KEPT = 500;
    static final int FAILURES_PER_MINUTE = 60;
    /** At this size a file is renamed {@code <name>.1} (replacing the one before) and a new one begun. */
    static final long ROTATE_BYTES = 16L << 20;
    static final int USER_CHARS = 64;
    static final int ACTION_CHARS = 512;
    static final String FAILED_LOGIN = "login failed";

    private final Clock clock;
    private final AuditFile changes;
    private final AuditFile failures;
    /** The minute being counted, the failures of it not itemised, and their distinct names and addresses. */
    private Instant minute = Instant.EPOCH;
    private int itemised;
    private int unlisted;
    private final Set<String> unlistedNames = new HashSet<>();
    private final Set<String> unlistedFrom = new HashSet<>();

    AuditLog(Path file, Clock clock) throws IOException {
        this(file, clock, ROTATE_BYTES);
    }

    AuditLog(Path file, Clock clock, long rotateBytes) throws IOException {
        this.clock = clock;
        this.changes = new AuditFile(file, rotateBytes, KEPT);
        this.failures = new AuditFile(file.resolveSibling("login-failures.log"), rotateBytes, FAILURES_KEPT);
    }

    /**
     * @param user   who (the account name)
     * @param action what, e.g. {@code POST /api/v1/bundles/12/stop} or {@code login}
     * @param status the HTTP status answered
     * @param from   the remote address
     */
    void record(String user, String action, int status, String from) {
        changes.append(entry(user, action, status, from));
    }

    /** A failed login (a wrong password, a locked or oversized name): the name tried is cut to size. */
    void failedLogin(String user, String how, int status, String from) {
        Instant now = clock.instant();
        Instant thisMinute = now.truncatedTo(ChronoUnit.MINUTES);
        synchronized (this) {
            if (!thisMinute.equals(minute)) {
                summarise();
                minute = thisMinute;
                itemised = 0;
            }
            if (itemised >= FAILURES_PER_MINUTE) {
                unlisted++;
                if (unlistedNames.size() < 1_000) {
                    unlistedNames.add(LogText.of(user, USER_CHARS));
                }
                if (unlistedFrom.size() < 1_000) {
                    unlistedFrom.add(LogText.of(from, USER_CHARS));
                }
                return;
            }
            itemised++;
        }
        failures.append(entry(user, FAILED_LOGIN + " (" + how + ")", status, from));
    }

    /** Changes and failed logins together, the newest first. */
    List<Map<String, Object>> recent(int limit) {
        List<Map<String, Object>> all = new ArrayList<>(changes.recent(limit));
        all.addAll(failures.recent(limit));
        all.sort(Comparator.comparing(AuditLog::time).reversed());
        return all.size() > limit ? all.subList(0, limit) : all;
    }

    /** Changes only (logins, logouts and changes made), the newest first. */
    List<Map<String, Object>> changes(int limit) {
        return changes.recent(limit);
    }

    @Override
    public void close() throws IOException {
        synchronized (this) {
            summarise();
        }
        changes.close();
        failures.close();
    }

    /** The failures of the minute past that were not itemised, in one line. */
    private void summarise() {
        if (unlisted == 0) {
            return;
        }
        failures.append(entry("*", FAILED_LOGIN + ": " + unlisted + " more in the minute from " + minute
                + ", not itemised (" + (unlistedNames.size() >= 1_000 ? "1000+" : unlistedNames.size()) + " names, "
                + (unlistedFrom.size() >= 1_000 ? "1000+" : unlistedFrom.size()) + " addresses)", 401,
                String.join(",", unlistedFrom.stream().limit(5).toList())));
        unlisted = 0;
        unlistedNames.clear();
        unlistedFrom.clear();
    }

    private static Instant time(Map<String, Object> entry) {
        try {
            return Instant.parse(String.valueOf(entry.get("time")));
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private Map<String, Object> entry(String user, String action, int status, String from) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", clock.instant().toString());
        entry.put("user", LogText.of(user, USER_CHARS));
        entry.put("action", LogText.of(action, ACTION_CHARS));
        entry.put("status", status);
        entry.put("from", LogText.of(from, USER_CHARS));
        return entry;
    }
}
