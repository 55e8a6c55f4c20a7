package io.switchboard.kernel.api;

import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A whiteboard service that can hold the platform not ready — the ready line waits for it, {@code /health/ready}
 * answers 503 with its reason: a bundle whose work depends on something outside the platform (a database) says here
 * why it cannot do it now.
 */
@ConsumerType
public interface ReadinessCheck {

    /**
     * Service property: the name under which {@link #details} show in {@code /health/ready}'s {@code details}
     * (e.g. {@code bridges}).
     */
    String NAME = "switchboard.health.name";

    /** Why this part of the platform is not ready (e.g. "delivery: database unreachable: ..."), or empty. */
    Optional<String> notReadyReason();

    /**
     * What an operator should see of this part in {@code /health/ready} whether or not it holds the platform back
     * (e.g. each bridge instance's state): JSON-like values (maps, lists, strings, numbers, booleans); empty shows
     * nothing.
     */
    default Map<String, Object> details() {
        return Map.of();
    }
}
