package io.switchboard.kernel.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A whiteboard service that can hold the platform not ready — the ready line waits for it, {@code /health/ready}
 * answers 503 with its reason: a bundle whose work depends on something outside the platform (a database) says here
 * why it cannot do it now.
 */
@ConsumerType
public interface ReadinessCheck {

    /** Why this part of the platform is not ready (e.g. "delivery: database unreachable: ..."), or empty. */
    Optional<String> notReadyReason();
}
