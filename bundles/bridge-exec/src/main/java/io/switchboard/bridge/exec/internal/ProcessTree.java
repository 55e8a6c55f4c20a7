package io.switchboard.bridge.exec.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A program's process and every process it started, as far as they can be known: a child whose parent exits is
 * re-parented (to init or a subreaper) and is no longer among the program's {@link ProcessHandle#descendants()}, so
 * the tree remembers each descendant it has seen ({@link #look}) and stops those too. Stopping is TERM to all, then,
 * after the grace period, KILL to whatever is still alive, its own descendants found then included.
 */
final class ProcessTree {

    private static final long POLL_MILLIS = 20;

    private final ProcessHandle root;
    private final Set<ProcessHandle> seen = new LinkedHashSet<>();

    ProcessTree(ProcessHandle root) {
        this.root = root;
    }

    /** Remembers the processes the program has started so far. */
    synchronized void look() {
        root.descendants().forEach(seen::add);
    }

    /** The processes of this tree that are alive now. */
    synchronized List<ProcessHandle> alive() {
        if (seen.isEmpty() && !root.isAlive()) {
            return List.of(); // nothing known, and an exited process has no descendants: no scan of all processes
        }
        look();
        Set<ProcessHandle> all = new LinkedHashSet<>();
        all.add(root);
        all.addAll(seen);
        for (ProcessHandle p : Set.copyOf(all)) {
            p.descendants().forEach(all::add);
        }
        seen.addAll(all);
        seen.remove(root);
        return all.stream().filter(ProcessTree::running).toList();
    }

    /**
     * Stops the whole tree: TERM, then KILL after {@code grace} to what has not exited. Returns when every process
     * known is gone, or after a last short wait for the KILLed ones (a process in uninterruptible sleep may outlive it).
     *
     * @return how many processes had to be KILLed
     */
    int stop(Duration grace) throws InterruptedException {
        List<ProcessHandle> living = alive();
        if (living.isEmpty()) {
            return 0;
        }
        living.forEach(ProcessHandle::destroy);
        awaitExit(living, grace);
        List<ProcessHandle> stubborn = alive();
        stubborn.forEach(ProcessHandle::destroyForcibly);
        awaitExit(stubborn, Duration.ofSeconds(5));
        return stubborn.size();
    }

    /**
     * Polls rather than waiting on {@link ProcessHandle#onExit()}: for a process that is not our child the JDK polls
     * too, but backs off to seconds between looks, which would make every stop last that long.
     */
    private static void awaitExit(List<ProcessHandle> processes, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (processes.stream().anyMatch(ProcessTree::running) && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
        }
    }

    /**
     * Whether the process still runs. A stopped orphan stays a zombie until init reaps it, which can take a second;
     * {@link ProcessHandle#isAlive()} counts it, but it holds nothing and runs nothing any more.
     */
    static boolean running(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            int end = stat.lastIndexOf(')');
            return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException | UnsupportedOperationException noProc) {
            return p.isAlive(); // not Linux: trust the JDK
        }
    }
}
