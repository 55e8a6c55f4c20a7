package io.switchboard.kernel.api;

import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The kernel's view of its own health; {@code /health/ready} reports it. */
@ProviderType
public interface PlatformStatus {

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
}
