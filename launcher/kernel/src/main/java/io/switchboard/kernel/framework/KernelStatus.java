package io.switchboard.kernel.framework;

import io.switchboard.kernel.api.PlatformStatus;
import io.switchboard.kernel.api.ReadinessCheck;
import io.switchboard.kernel.broker.Broker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/** Readiness as the kernel knows it: broker, boot bundles, boot failures, shutdown. */
public final class KernelStatus implements PlatformStatus {

    private final String version;
    private final Instant startedAt;
    private final Broker broker;
    private final BundleContext context;
    private final Supplier<Set<String>> bootLocations;
    private final Map<String, String> bootFailures = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private volatile boolean booting = true;
    private volatile boolean bootEnded;
    private ServiceRegistration<PlatformStatus> registration;

    public KernelStatus(String version, Instant startedAt, Broker broker, BundleContext context,
                        Supplier<Set<String>> bootLocations) {
        this.version = version;
        this.startedAt = startedAt;
        this.broker = broker;
        this.context = context;
        this.bootLocations = bootLocations;
    }

    /** Offers this status to the bundles, with {@link PlatformStatus#BOOTING} true until {@link #bootEnded()}. */
    public void register() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(BOOTING, Boolean.TRUE);
        registration = context.registerService(PlatformStatus.class, this, properties);
    }

    /** The boot has ended (ready, or given up waiting): said once, on the service's properties too. */
    public void bootEnded() {
        if (bootEnded) {
            return;
        }
        bootEnded = true;
        if (registration != null) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(BOOTING, Boolean.FALSE);
            try {
                registration.setProperties(properties);
            } catch (IllegalStateException e) {
                // the framework is stopping: nobody is left to wait for the boot's end
            }
        }
    }

    @Override
    public boolean booting() {
        return !bootEnded;
    }

    public void bootFailed(String feature, String reason) {
        bootFailures.put(feature, reason);
    }

    /** The boot features are installed (whether or not they all started): readiness is theirs to say now. */
    public void bootFeaturesInstalled() {
        booting = false;
    }

    public void stopping() {
        stopping = true;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public boolean brokerAccepting() {
        return broker.accepting();
    }

    @Override
    public List<String> notReadyReasons() {
        List<String> reasons = new ArrayList<>();
        if (stopping) {
            reasons.add("shutting down");
        }
        if (booting) {
            reasons.add("booting: the boot features are being installed");
        }
        if (!broker.accepting()) {
            reasons.add("broker not accepting connections (" + broker.describe() + ")");
        }
        bootFailures.forEach((feature, reason) -> reasons.add("boot feature " + feature + " failed: " + reason));
        Set<String> inactive = new TreeSet<>();
        for (String location : bootLocations.get()) {
            Bundle b = context.getBundle(location);
            if (b == null) {
                inactive.add("boot bundle " + location + " is not installed");
            } else if (b.getState() != Bundle.ACTIVE
                    && !(b.getHeaders().get(Constants.FRAGMENT_HOST) != null && b.getState() == Bundle.RESOLVED)) {
                inactive.add("boot bundle " + b.getSymbolicName() + " is " + state(b.getState()) + ", not ACTIVE");
            }
        }
        reasons.addAll(inactive);
        reasons.addAll(checks());
        return reasons;
    }

    /**
     * What the {@link ReadinessCheck} services say (a boot feature's store still opening, its database unreachable):
     * part of being ready, for the ready line as for {@code /health/ready}.
     */
    private List<String> checks() {
        List<String> reasons = new ArrayList<>();
        try {
            for (ServiceReference<ReadinessCheck> ref : context.getServiceReferences(ReadinessCheck.class, null)) {
                ReadinessCheck check = context.getService(ref);
                if (check != null) {
                    try {
                        check.notReadyReason().ifPresent(reasons::add);
                    } finally {
                        context.ungetService(ref);
                    }
                }
            }
        } catch (InvalidSyntaxException | IllegalStateException e) {
            // no filter; a stopping framework has no checks to ask
        }
        return reasons;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new TreeMap<>();
        try {
            for (ServiceReference<ReadinessCheck> ref : context.getServiceReferences(ReadinessCheck.class, null)) {
                ReadinessCheck check = context.getService(ref);
                if (check != null) {
                    try {
                        Map<String, Object> d = check.details();
                        if (!d.isEmpty()) {
                            Object name = ref.getProperty(ReadinessCheck.NAME);
                            details.put(name == null ? String.valueOf(ref.getProperty("component.name")) : name.toString(), d);
                        }
                    } catch (RuntimeException e) {
                        // a check that cannot say its details shows none; its readiness still counts
                    } finally {
                        context.ungetService(ref);
                    }
                }
            }
        } catch (InvalidSyntaxException | IllegalStateException e) {
            // no filter; a stopping framework has no checks to ask
        }
        return details;
    }

    public static String state(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> Integer.toString(state);
        };
    }
}
