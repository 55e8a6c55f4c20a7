package io.switchboard.kernel.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** The kernel's view of its own health; {@code /health/ready} reports it. */
@ProviderType
public interface PlatformStatus {

    /**
     * Service property ({@code Boolean}): true while the platform boots, set to false when {@link #booting()} ends, so
     * a component can wait for the end of the boot on the service's MODIFIED event instead of polling.
     */
    String BOOTING = "switchboard.booting";

    /** The Switchboard version running. */
    String version();

    /** When the kernel started. */
    Instant startedAt();

    /** True when the broker (embedded or remote) accepts connections. */
    boolean brokerAccepting();

    /**
     * Why the platform is not ready: a boot feature not active, the broker not accepting, a boot bundle
     * that failed. Empty when ready.
     */
    List<String> notReadyReasons();

    /**
     * The {@link ReadinessCheck#details} of every check that has some, by the check's {@link ReadinessCheck#NAME}:
     * {@code /health/ready} shows them as its {@code details}.
     */
    default Map<String, Object> details() {
        return Map.of();
    }

    /**
     * True until the boot has ended: the boot features are installed and the platform said it is ready, or gave up
     * waiting for that (after 120 s). What arrives late during the boot (a deploy handler whose feature is still
     * starting) may still come; after it, what has not come will not come by itself.
     */
    boolean booting();
}
