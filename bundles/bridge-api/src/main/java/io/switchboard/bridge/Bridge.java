package io.switchboard.bridge;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A whiteboard service, one per bridge instance, registered while its configuration exists (also when it is FAILED,
 * so the operator sees why). Most bridges register a {@link BridgeInstance}, which keeps the state and counters.
 */
@ConsumerType
public interface Bridge {

    /** Service property: the bridge and direction, e.g. {@code http.in}. */
    String BRIDGE = "switchboard.bridge";

    /** Service property: the instance's name. */
    String INSTANCE = "switchboard.bridge.instance";

    /** Where it stands now. */
    BridgeStatus status();
}
