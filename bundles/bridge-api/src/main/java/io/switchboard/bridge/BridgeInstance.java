package io.switchboard.bridge;

import io.switchboard.kernel.api.Secrets;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state and counters of one bridge instance, registered as its {@link Bridge} service: a bridge creates one when
 * its configuration is activated, reports what happens ({@link #connected}, {@link #disconnected}, {@link #failed},
 * {@link #in}, {@link #out}, {@link #failure}), and closes it when deactivated. Every change of state is one log line
 * ({@code Bridge file.in~orders DISCONNECTED: ...}); the settings it shows have their secrets masked. Thread-safe.
 */
public final class BridgeInstance implements Bridge, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("io.switchboard.bridge");

    private final String bridge;
    private final String instance;
    private final boolean required;
    private final Map<String, Object> settings;
    private final AtomicLong in = new AtomicLong();
    private final AtomicLong out = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile State current;
    private volatile String lastError;
    private ServiceRegistration<Bridge> registration;

    private record State(BridgeState state, String reason, Instant since) {
    }

    /**
     * @param bridge the bridge and direction, e.g. {@code http.in}
     * @param instance the instance's name
     * @param required whether the platform is not ready while the instance is not CONNECTED
     * @param properties its configuration (Config Admin's and DS's own properties are left out; secrets masked)
     */
    public BridgeInstance(String bridge, String instance, boolean required, Map<String, ?> properties) {
        this.bridge = bridge;
        this.instance = instance;
        this.required = required;
        this.settings = settings(properties);
        this.current = new State(BridgeState.DISCONNECTED, "starting", Instant.now());
    }

    /** The instance's name from a factory configuration's properties ({@code factoryPid~name}, or the PID). */
    public static String instanceName(Map<String, ?> properties) {
        Object pid = properties.get("service.pid");
        String s = pid == null ? String.valueOf(properties.get("component.name")) : pid.toString();
        int tilde = s.lastIndexOf('~');
        return tilde >= 0 ? s.substring(tilde + 1) : s;
    }

    /** Registers the {@link Bridge} service; {@link #close} unregisters it. */
    public synchronized BridgeInstance register(BundleContext context) {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(BRIDGE, bridge);
        p.put(INSTANCE, instance);
        registration = context.registerService(Bridge.class, this, p);
        return this;
    }

    public String name() {
        return bridge + "~" + instance;
    }

    public void connected() {
        move(BridgeState.CONNECTED, null);
    }

    /** The far side cannot be reached now; the bridge tries again by itself. */
    public void disconnected(String reason) {
        move(BridgeState.DISCONNECTED, reason);
    }

    /** The configuration (or what it names) cannot work; nothing happens until it changes. */
    public void failed(String reason) {
        move(BridgeState.FAILED, reason);
    }

    public BridgeState state() {
        return current.state;
    }

    /** One message taken in and committed. */
    public void in() {
        in.incrementAndGet();
    }

    /** One message handed out and acknowledged by the far side. */
    public void out() {
        out.incrementAndGet();
    }

    /** One attempt failed, in either direction: counted, and remembered as the last error (not logged here). */
    public void failure(String reason) {
        failed.incrementAndGet();
        lastError = Secrets.mask(reason);
    }

    @Override
    public BridgeStatus status() {
        State s = current;
        return new BridgeStatus(bridge, instance, s.state, s.reason, s.since, in.get(), out.get(), failed.get(),
                lastError, required, settings);
    }

    private void move(BridgeState state, String reason) {
        String shown = reason == null ? null : Secrets.mask(reason);
        synchronized (this) {
            State was = current;
            if (was.state == state && java.util.Objects.equals(was.reason, shown)) {
                return;
            }
            current = new State(state, shown, Instant.now());
        }
        switch (state) {
            case CONNECTED -> LOG.info("Bridge {} CONNECTED", name());
            case DISCONNECTED -> LOG.warn("Bridge {} DISCONNECTED: {}", name(), shown);
            case FAILED -> LOG.error("Bridge {} FAILED: {}", name(), shown);
        }
    }

    @Override
    public synchronized void close() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException gone) {
                // the bundle stopped first
            }
            registration = null;
        }
    }

    private static Map<String, Object> settings(Map<String, ?> properties) {
        Map<String, Object> shown = new TreeMap<>();
        properties.forEach((k, v) -> {
            if (k.startsWith("service.") || k.startsWith("component.") || k.startsWith("felix.")
                    || k.startsWith("osgi.") || k.startsWith("switchboard.deploy.") || k.equals("objectClass")) {
                return;
            }
            Object value = v instanceof String[] a ? String.join(", ", a) : v;
            shown.put(k, value instanceof String s ? Secrets.mask(k, s) : Secrets.isSecretName(k) ? Secrets.MASK : value);
        });
        return shown;
    }
}
