package io.switchboard.bridge;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One bridge instance as an operator sees it.
 *
 * @param bridge the bridge and direction, e.g. {@code http.in}, {@code file.out}, {@code exec}: the factory PID's
 *     part after {@code io.switchboard.bridge.}
 * @param instance the instance's name, the part of the configuration's name after {@code ~}
 * @param state where it stands
 * @param reason why it is DISCONNECTED or FAILED; null when CONNECTED
 * @param since when it entered its state
 * @param in messages taken from the far side and committed into the platform
 * @param out messages handed to the far side and acknowledged by it
 * @param failed attempts that failed, in either direction
 * @param lastError the last failure's reason, or null
 * @param required true when the platform is not ready while this instance is not CONNECTED
 * @param settings its configuration as an operator may see it, by name: secrets masked
 */
public record BridgeStatus(String bridge, String instance, BridgeState state, String reason, Instant since, long in,
        long out, long failed, String lastError, boolean required, Map<String, Object> settings) {

    public BridgeStatus {
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(state, "state");
        settings = Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    /** {@code bridge~instance}, the name of its configuration after {@code io.switchboard.bridge.}. */
    public String name() {
        return bridge + "~" + instance;
    }
}
