package io.switchboard.http.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who changed what, when: every state-changing HTTP request (whatever its outcome), every login, logout and
 * lockout. One JSON object a line in {@code data/http/audit.log} (kept across restarts, never rewritten; at 16 MB
 * it becomes {@code audit.log.1} and a new one begins, so two generations are kept); the last
 * {@link #KEPT} entries are held in memory for the console. Delivery keeps its own, more detailed, audit of
 * message operations as well.
 */
final class AuditLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int KEPT = 2_000;
    /** At this size the log is renamed {@code audit.log.1} (replacing the one before) and a new one begun. */
    static final long ROTATE_BYTES = 16L << 20;

    private final Clock clock;
    private final Deque<Map<String, Object>> recent = new ArrayDeque<>();
    private final Path file;
    private final long rotateBytes;
    private BufferedWriter out;
    private long written;

    AuditLog(Path file, Clock clock) throws IOException {
        this(file, clock, ROTATE_BYTES);
    }

    AuditLog(Path file, Clock clock, long rotateBytes) throws IOException {
        this.clock = clock;
        this.file = file;
        this.rotateBytes = rotateBytes;
        Files.createDirectories(file.getParent());
        if (Files.exists(file)) {
            // only the last KEPT lines are parsed: a long log costs one pass over its lines at start, nothing more
            Deque<String> tail = new ArrayDeque<>();
            try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                lines.forEach(line -> {
                    tail.addLast(line);
                    if (tail.size() > KEPT) {
                        tail.removeFirst();
                    }
                });
            }
            for (String line : tail) {
                try {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> entry = JSON.readValue(line, Map.class);
                    keep(entry);
                } catch (IOException e) {
                    LOG.warn("Audit log " + file + ": an unreadable line skipped (" + e.getMessage() + ")");
                }
            }
        }
        open();
    }

    private void open() throws IOException {
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        written = Files.size(file);
    }

    /**
     * @param user   who (the account name, or the name tried at a failed login)
     * @param action what, e.g. {@code POST /api/v1/bundles/12/stop} or {@code login}
     * @param status the HTTP status answered
     * @param from   the remote address
     */
    void record(String user, String action, int status, String from) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", clock.instant().toString());
        entry.put("user", user);
        entry.put("action", action);
        entry.put("status", status);
        entry.put("from", from);
        synchronized (this) {
            keep(entry);
            try {
                String line = JSON.writeValueAsString(entry);
                out.write(line);
                out.newLine();
                out.flush();
                written += line.length() + 1;
                if (written >= rotateBytes) {
                    out.close();
                    Files.move(file, file.resolveSibling(file.getFileName() + ".1"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    open();
                }
            } catch (IOException e) {
                LOG.error("Audit log: cannot write (" + e.getMessage() + "): " + entry);
            }
        }
    }

    /** The newest first. */
    synchronized List<Map<String, Object>> recent(int limit) {
        List<Map<String, Object>> list = new ArrayList<>(Math.min(limit, recent.size()));
        var it = recent.descendingIterator();
        while (it.hasNext() && list.size() < limit) {
            list.add(it.next());
        }
        return list;
    }

    private void keep(Map<String, Object> entry) {
        recent.addLast(entry);
        if (recent.size() > KEPT) {
            recent.removeFirst();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
