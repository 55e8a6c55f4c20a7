package io.switchboard.bridge.file.internal;

import io.switchboard.bridge.BridgeInstance;
import io.switchboard.routing.RouteSource.Receiver;
import io.switchboard.routing.RouteSource.Routed;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a claimed file to the route and moves it on by what became of it: routed → {@code done/} (or deleted);
 * dead-lettered by the route, unreadable, too large or not text in its charset → {@code error/} at once; a transient
 * failure → kept in {@code .inprogress/} and offered again after {@code interval} doubling with each failure (at
 * most 5 minutes), to {@code error/} after {@code maxAttempts}. A split file is routed line by line; a file offered
 * again goes on after the lines routed already, and a line the route dead-letters does not stop the others (the file
 * then goes to {@code error/} naming those lines). Used by one poll thread.
 */
final class FileOffer {

    private static final Logger LOG = LoggerFactory.getLogger(FileOffer.class);
    private static final Duration LONGEST_RETRY = Duration.ofMinutes(5);
    private static final int MAX_LINES_NAMED = 20;

    private final FileInSettings settings;
    private final BridgeInstance instance;
    private final Receiver receiver;
    private final Clock clock;
    private final LongSupplier nanos;
    private final BooleanSupplier stopping;
    private final FileMessages messages;
    /** Claims whose last attempt failed transiently, with the nano time of their next attempt. */
    private final Map<Claim, Long> retrying = new LinkedHashMap<>();

    FileOffer(FileInSettings settings, BridgeInstance instance, Receiver receiver, Clock clock, LongSupplier nanos,
            BooleanSupplier stopping) {
        this.settings = settings;
        this.instance = instance;
        this.receiver = receiver;
        this.clock = clock;
        this.nanos = nanos;
        this.stopping = stopping;
        this.messages = new FileMessages(settings);
    }

    /** Offers the files whose next attempt is due; returns how many were finished. */
    int retryDue() {
        long now = nanos.getAsLong();
        List<Claim> due = new ArrayList<>();
        for (Iterator<Map.Entry<Claim, Long>> i = retrying.entrySet().iterator(); i.hasNext(); ) {
            Map.Entry<Claim, Long> e = i.next();
            if (now - e.getValue() >= 0) {
                due.add(e.getKey());
                i.remove();
            }
        }
        int finished = 0;
        for (Claim c : due) {
            if (stopping.getAsBoolean()) {
                retrying.put(c, now);
            } else {
                finished += offer(c);
            }
        }
        return finished;
    }

    /**
     * Routes the file and moves it on.
     *
     * @return 1 when the file is finished (done/ or error/), 0 when it stays in {@code .inprogress/}
     */
    int offer(Claim c) {
        if (c.unreadable() != null) {
            instance.failure("cannot read " + c.name());
            return error(c, c.unreadable());
        }
        String failure;
        try {
            String deadLettered = settings.splitLines() ? routeLines(c) : routeWhole(c);
            if (deadLettered != null) {
                return error(c, deadLettered);
            }
            return done(c);
        } catch (Unfit e) {
            instance.failure(e.getMessage());
            return error(c, e.getMessage());
        } catch (AccessDeniedException e) {
            instance.failure("cannot read " + c.name());
            return error(c, "the file cannot be read: " + e);
        } catch (Stopped e) {
            c.close(); // stays in .inprogress/ for the next poller
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.close();
            return 0;
        } catch (Exception e) {
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        instance.failure(failure);
        int n = c.failed();
        if (n >= settings.maxAttempts()) {
            return error(c, failure + " (after " + n + " failed attempts, maxAttempts = " + settings.maxAttempts() + ")");
        }
        Duration delay = settings.interval().multipliedBy(1L << Math.min(n - 1, 20));
        delay = delay.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay;
        LOG.warn("File in {}: {} failed (attempt {} of {}), again in {} ms: {}", settings.bridge(), c.name(), n,
                settings.maxAttempts(), delay.toMillis(), failure);
        retrying.put(c, nanos.getAsLong() + delay.toNanos());
        return 0;
    }

    /** @return the reason the route dead-lettered it, or null when routed */
    private String routeWhole(Claim c) throws Exception {
        Routed r = receiver.route(messages.whole(c));
        if (r.deadLettered()) {
            instance.failure(r.reason());
            return "the route dead-lettered " + c.name() + ": " + r.reason();
        }
        instance.in();
        return null;
    }

    /** @return which lines the route dead-lettered and why, or null when every line was routed */
    private String routeLines(Claim c) throws Exception {
        List<Long> dead = new ArrayList<>();
        String firstReason = null;
        try (LineReader lines = messages.lines(c)) {
            String line;
            while ((line = lines.next()) != null) {
                long n = lines.number();
                if (n <= c.linesRouted() || line.isEmpty()) {
                    continue;
                }
                if (stopping.getAsBoolean()) {
                    throw new Stopped();
                }
                Routed r = receiver.route(messages.line(c, n, line));
                if (r.deadLettered()) {
                    instance.failure(r.reason());
                    dead.add(n);
                    firstReason = firstReason == null ? r.reason() : firstReason;
                } else {
                    instance.in();
                }
                c.linesRouted(n);
            }
        }
        if (dead.isEmpty()) {
            return null;
        }
        return "the route dead-lettered " + dead.size() + " line(s) of " + c.name() + " (lines "
                + (dead.size() > MAX_LINES_NAMED ? dead.subList(0, MAX_LINES_NAMED) + "..." : dead)
                + "), the first because: " + firstReason + "; its other lines were routed";
    }

    private int done(Claim c) {
        try {
            Path to = c.done(settings.delete(), clock.instant());
            LOG.debug("File in {}: {} routed, {}", settings.bridge(), c.name(), to == null ? "deleted" : "moved to " + to);
        } catch (IOException e) {
            LOG.error("File in {}: {} was routed but cannot be moved out of {}/ ({}): it will be offered again "
                    + "with the same SB_MESSAGE_ID", settings.bridge(), c.name(), Claim.IN_PROGRESS, e.toString());
        }
        return 1;
    }

    private int error(Claim c, String reason) {
        String report = "file: " + c.name() + "\nid: " + c.id() + "\nsize: " + c.size() + "\nbridge: "
                + settings.bridge() + "\nat: " + clock.instant() + "\nattempts: " + Math.max(1, c.failures())
                + "\nreason: " + reason + "\n";
        try {
            Path to = c.error(report, clock.instant());
            LOG.warn("File in {}: {} moved to {}: {}", settings.bridge(), c.name(), to, reason);
        } catch (IOException e) {
            LOG.error("File in {}: {} failed ({}) and cannot be moved to {}/ ({}): it will be offered again",
                    settings.bridge(), c.name(), reason, Claim.ERROR, e.toString());
        }
        return 1;
    }

    /** Lets go of every file waiting for its next attempt: they stay in .inprogress/ for the next poller. */
    void releaseAll() {
        retrying.keySet().forEach(Claim::close);
        retrying.clear();
    }

    /** The poller stops in the middle of a split file. */
    private static final class Stopped extends Exception {
        private static final long serialVersionUID = 1L;
    }
}
