package io.switchboard.http.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ops4j.pax.logging.spi.PaxAppender;
import org.ops4j.pax.logging.spi.PaxLoggingEvent;
import org.osgi.service.component.annotations.Component;

/**
 * The most recent log events of the bundles, kept in memory for {@code GET /api/v1/logs}. pax-logging hands them to
 * every {@link PaxAppender} service its {@code PaxOsgi} appender selects by {@code org.ops4j.pax.logging.appender.name}
 * (see config/org.ops4j.pax.logging.cfg). Taking events rather than tailing a file means no dependence on where
 * standard output goes, on the layout pattern, or on how stack traces wrap.
 */
@Component(service = {PaxAppender.class, LogRing.class},
        property = "org.ops4j.pax.logging.appender.name=" + LogRing.APPENDER_NAME)
public final class LogRing implements PaxAppender {

    static final String APPENDER_NAME = "switchboard.console";
    static final int CAPACITY = 5000;
    /** Severity order, least first. */
    static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "AUDIT");

    /** One log event; {@code seq} grows by one per event, so a reader can ask only for what is new. */
    record Entry(long seq, String time, String level, String logger, String thread, String message, String throwable) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>(CAPACITY);
    private long seq;

    @Override
    public void doAppend(PaxLoggingEvent event) {
        String[] trace = event.getThrowableStrRep();
        String throwable = trace == null || trace.length == 0 ? null : String.join("\n", trace);
        String level = event.getLevel() == null || event.getLevel().toLevel() == null ? "INFO"
                : event.getLevel().toLevel().name();
        add(Instant.ofEpochMilli(event.getTimeStamp()), level, event.getLoggerName(), event.getThreadName(),
                event.getRenderedMessage(), throwable);
    }

    synchronized void add(Instant time, String level, String logger, String thread, String message, String throwable) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
        }
        entries.addLast(new Entry(++seq, time.toString(), level, logger, thread, message, throwable));
    }

    /**
     * The newest {@code limit} entries at or above the level, after sequence number {@code after}, containing the
     * text (case-insensitive, in the message, logger or stack trace) when given; oldest first.
     */
    synchronized List<Entry> recent(String minLevel, int limit, String contains, long after) {
        int min = LEVELS.indexOf(minLevel);
        String needle = contains == null || contains.isEmpty() ? null : contains.toLowerCase(Locale.ROOT);
        List<Entry> out = new ArrayList<>();
        var it = entries.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
            Entry e = it.next();
            if (e.seq() <= after) {
                break;
            }
            if (LEVELS.indexOf(e.level()) >= min && (needle == null || matches(e, needle))) {
                out.add(e);
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }

    private static boolean matches(Entry e, String needle) {
        for (String s : new String[] {e.message(), e.logger(), e.throwable()}) {
            if (s != null && s.toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }

    /** The JSON shape of an entry (no null throwable). */
    static Map<String, Object> json(Entry e) {
        var m = new java.util.LinkedHashMap<String, Object>();
        m.put("seq", e.seq());
        m.put("time", e.time());
        m.put("level", e.level());
        m.put("logger", e.logger());
        m.put("thread", e.thread());
        m.put("message", e.message());
        if (e.throwable() != null) {
            m.put("throwable", e.throwable());
        }
        return m;
    }
}
