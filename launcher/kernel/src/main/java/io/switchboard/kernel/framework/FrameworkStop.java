package io.switchboard.kernel.framework;

import io.switchboard.kernel.api.TimeLimit;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The framework's graceful stop, which one bundle must not be able to block. Felix stops the bundles one by one, each
 * under its lock, and waits without end for a lock that is held: an activator the deployer abandoned (it never
 * returned, or it is blocked in {@code System.exit}) keeps its bundle STARTING and its lock for good, and the stop
 * of every other bundle would wait behind it. When the framework has not stopped after {@link #STALL} and such a
 * bundle is there, the bundles still active are stopped here, in the reverse of their start order (start level, then
 * bundle id), each under the drain limit, leaving out the one whose lock is held; the caller then goes on.
 */
public final class FrameworkStop {

    private static final Logger LOG = LoggerFactory.getLogger(FrameworkStop.class);
    /** How long the framework gets before a bundle whose start never returned is looked for. */
    static final Duration STALL = Duration.ofSeconds(5);

    private FrameworkStop() {
    }

    /**
     * Stops the framework and waits for it, at most {@code drain} (or a little more when bundles are stopped here).
     *
     * @return false when it waited the whole {@code drain} in vain; true when the framework stopped, or its bundles
     *     were stopped here without the one that holds its lock (logged)
     */
    public static boolean stop(Framework framework, Duration drain) throws BundleException, InterruptedException {
        framework.stop();
        if (stopped(framework, STALL.compareTo(drain) < 0 ? STALL : drain)) {
            return true;
        }
        List<Bundle> held = Arrays.stream(framework.getBundleContext() == null ? new Bundle[0]
                : framework.getBundleContext().getBundles())
                .filter(b -> b.getBundleId() != 0 && b.getState() == Bundle.STARTING).toList();
        if (held.isEmpty()) {
            return stopped(framework, drain.minus(STALL).isNegative() ? Duration.ZERO : drain.minus(STALL));
        }
        for (Bundle b : held) {
            LOG.warn("Gave up on " + name(b) + ": its activator never returned and keeps the bundle's lock, so the "
                    + "framework cannot stop it; the other bundles are stopped without it");
        }
        TimeLimit limit = new TimeLimit(drain, "shutdown.drain.timeout");
        for (Bundle b : inReverseStartOrder(framework)) {
            if (b.getBundleId() == 0 || b.getState() != Bundle.ACTIVE) {
                continue;
            }
            try {
                // transient: the persistent autostart stays as it was, for the next boot
                limit.call("the stop of " + name(b), () -> {
                    b.stop(Bundle.STOP_TRANSIENT);
                    return null;
                });
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                LOG.warn("Stopping " + name(b) + " failed: " + e.getMessage());
            }
        }
        return true;
    }

    private static boolean stopped(Framework framework, Duration wait) throws InterruptedException {
        return framework.waitForStop(Math.max(1, wait.toMillis())).getType() != FrameworkEvent.WAIT_TIMEDOUT;
    }

    private static List<Bundle> inReverseStartOrder(Framework framework) {
        Bundle[] all = framework.getBundleContext() == null ? new Bundle[0] : framework.getBundleContext().getBundles();
        return Arrays.stream(all).sorted(Comparator.comparingInt(FrameworkStop::startLevel)
                .thenComparingLong(Bundle::getBundleId).reversed()).toList();
    }

    private static int startLevel(Bundle b) {
        BundleStartLevel level = b.adapt(BundleStartLevel.class);
        return level == null ? 0 : level.getStartLevel();
    }

    private static String name(Bundle b) {
        return b.getSymbolicName() + " " + b.getVersion();
    }
}
