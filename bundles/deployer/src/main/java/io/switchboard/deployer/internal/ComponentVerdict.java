package io.switchboard.deployer.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * What Declarative Services made of a configuration just applied: when the component that takes the PID refuses it
 * (its activation throws, e.g. an HTTP endpoint given a {@code file:} URL), the file is FAILED with the component's
 * own reason, so the deployment status says what runs, not only what was written. Declarative Services applies a
 * configuration asynchronously; this waits (polling its runtime) until the component's configuration carries the
 * applied values, at most {@code wait}. A PID no component declares is accepted at once. A component that keeps its
 * earlier configuration from a {@code @Modified} method is not seen here: it stays active.
 * <p>
 * An edit needs more care than a new configuration: Felix SCR puts the new properties on the component configuration
 * before it deactivates the old instance, so for a moment the old instance shows ACTIVE with the new values. An edit
 * is therefore taken only once the component was seen leaving that state, or stayed settled with the new values for
 * {@link #QUIET}; a refusal in that time is still seen.
 */
final class ComponentVerdict {

    private static final Duration POLL = Duration.ofMillis(20);
    static final Duration QUIET = Duration.ofSeconds(1);
    private static final Pattern THROWABLE =
            Pattern.compile("^(?:Caused by: )?[\\w.$]+(?:Exception|Error)(?:: (.*))?$");

    private final ServiceComponentRuntime scr;
    private final Duration wait;

    ComponentVerdict(ServiceComponentRuntime scr, Duration wait) {
        this.scr = scr;
        this.wait = wait;
    }

    /**
     * @param configuredPid the PID the configuration got ({@code factoryPid~name} for a factory configuration)
     * @param declaredPid   the PID components declare (the factory PID for a factory configuration)
     * @param edit          whether the configuration replaced one a component may still run with
     * @return the component's refusal, or null when it took the configuration, or when no component takes the PID
     */
    String refusal(String configuredPid, String declaredPid, Dictionary<String, Object> applied, boolean edit)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        long settledSince = 0;
        boolean left = !edit;
        do {
            boolean declared = false;
            boolean settled = false;
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
                if (d.configurationPid == null || !Arrays.asList(d.configurationPid).contains(declaredPid)) {
                    continue;
                }
                declared = true;
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    if (configuredPid.equals(pidOf(c)) && carries(c.properties, applied)) {
                        if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                            return "the component " + d.name + " refused it: " + reason(c.failure);
                        }
                        if (settled(d, c)) {
                            settled = true;
                        } else {
                            left = true;
                        }
                    }
                }
            }
            if (!declared) {
                return null;
            }
            if (settled) {
                long now = System.nanoTime();
                settledSince = settledSince == 0 ? now : settledSince;
                if (left || now - settledSince >= QUIET.toNanos()) {
                    return null;
                }
            } else {
                settledSince = 0;
            }
            Thread.sleep(POLL.toMillis());
        } while (System.nanoTime() < deadline);
        return null;
    }

    /** An immediate component is settled once active (or refused); a delayed one activates on first use. */
    private static boolean settled(ComponentDescriptionDTO d, ComponentConfigurationDTO c) {
        return c.state == ComponentConfigurationDTO.ACTIVE || c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
                || (!d.immediate && c.state == ComponentConfigurationDTO.SATISFIED);
    }

    private static String pidOf(ComponentConfigurationDTO c) {
        Object pid = c.properties == null ? null : c.properties.get("service.pid");
        if (pid instanceof String[] many) {
            return many.length == 0 ? null : many[many.length - 1];
        }
        return pid == null ? null : pid.toString();
    }

    private static boolean carries(Map<String, Object> properties, Dictionary<String, Object> applied) {
        if (properties == null) {
            return false;
        }
        for (String key : Collections.list(applied.keys())) {
            if (!Objects.deepEquals(properties.get(key), applied.get(key))) {
                return false;
            }
        }
        return true;
    }

    /** The deepest exception message in the failure Declarative Services recorded (a stack trace as text). */
    static String reason(String failure) {
        if (failure == null || failure.isBlank()) {
            return "its activation failed";
        }
        String found = null;
        for (String line : failure.split("\\R")) {
            Matcher m = THROWABLE.matcher(line.strip());
            if (m.matches() && m.group(1) != null && !m.group(1).isBlank()) {
                found = m.group(1).strip();
            }
        }
        return found != null ? found : failure.lines().findFirst().orElse(failure).strip();
    }
}
