package io.switchboard.http.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One audit file: JSON objects a line, appended, never rewritten; at {@code rotateBytes} it becomes {@code <name>.1}
 * (replacing the one before) and a new one begins. The last {@code kept} entries are held in memory. Reading it back
 * at start is bounded however the file was written: a line longer than {@link #MAX_LINE} bytes is skipped without
 * being held, and only the last {@code kept} lines are parsed.
 */
final class AuditFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longer lines are not audit entries this bundle writes (its fields are cut well below): skipped at start. */
    static final int MAX_LINE = 8192;

    private final Path file;
    private final long rotateBytes;
    private final int kept;
    private final Deque<Map<String, Object>> recent = new ArrayDeque<>();
    private BufferedWriter out;
    private long written;

    AuditFile(Path file, long rotateBytes, int kept) throws IOException {
        this.file = file;
        this.rotateBytes = rotateBytes;
        this.kept = kept;
        Files.createDirectories(file.getParent());
        if (Files.exists(file)) {
            readTail();
        }
        open();
    }

    synchronized void append(Map<String, Object> entry) {
        keep(entry);
        try {
            String line = JSON.writeValueAsString(entry);
            out.write(line);
            out.newLine();
            out.flush();
            written += line.getBytes(StandardCharsets.UTF_8).length + 1;
            if (written >= rotateBytes) {
                rotate();
            }
        } catch (IOException e) {
            LOG.error("Audit log " + file + ": cannot write (" + e.getMessage() + "): " + entry);
        }
    }

    /** Moves the file to {@code <name>.1}; whatever fails, a file is open again for the next entry. */
    private void rotate() throws IOException {
        out.close();
        try {
            Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.error("Audit log " + file + ": cannot rotate (" + e.getMessage() + "); it goes on growing");
        } finally {
            open();
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

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    private void open() throws IOException {
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        written = Files.size(file);
    }

    private void keep(Map<String, Object> entry) {
        recent.addLast(entry);
        if (recent.size() > kept) {
            recent.removeFirst();
        }
    }

    /** One pass over the file holding at most {@code kept} lines of at most {@link #MAX_LINE} bytes. */
    private void readTail() throws IOException {
        Deque<String> tail = new ArrayDeque<>();
        int skipped = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            boolean tooLong = false;
            for (int b = in.read(); ; b = in.read()) {
                if (b == '\n' || b < 0) {
                    if (tooLong) {
                        skipped++;
                    } else if (line.size() > 0) {
                        tail.addLast(line.toString(StandardCharsets.UTF_8));
                        if (tail.size() > kept) {
                            tail.removeFirst();
                        }
                    }
                    line.reset();
                    tooLong = false;
                    if (b < 0) {
                        break;
                    }
                } else if (!tooLong) {
                    line.write(b);
                    if (line.size() > MAX_LINE) {
                        tooLong = true;
                        line.reset();
                    }
                }
            }
        }
        if (skipped > 0) {
            LOG.warn("Audit log " + file + ": " + skipped + " lines longer than " + MAX_LINE
                    + " bytes skipped at start (not written by this version: its entries are cut to size)");
        }
        for (String text : tail) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> entry = JSON.readValue(text, Map.class);
                keep(entry);
            } catch (IOException e) {
                LOG.warn("Audit log " + file + ": an unreadable line skipped (" + e.getMessage() + ")");
            }
        }
    }
}
