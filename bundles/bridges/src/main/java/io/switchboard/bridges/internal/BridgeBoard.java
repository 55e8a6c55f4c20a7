package io.switchboard.bridges.internal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.switchboard.bridge.Bridge;
import io.switchboard.bridge.BridgeState;
import io.switchboard.bridge.BridgeStatus;
import io.switchboard.kernel.api.Deployment;
import io.switchboard.kernel.api.Deployments;
import io.switchboard.kernel.api.ReadinessCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Every bridge instance in one place: the {@link Bridge} services the bridge bundles register, plus the instances whose
 * configuration file was refused before any could run (the deployment status has the reason, naming the field).
 * Offers them to {@code /api/v1/bridges} and the console, puts their counters and state on {@code /metrics}
 * ({@code switchboard_bridge_messages_in_total}, {@code _out_total}, {@code _failed_total},
 * {@code switchboard_bridge_connected}, by {@code bridge} and {@code instance}), shows each in {@code /health/ready}'s
 * {@code details.bridges}, and holds the platform not ready while an instance configured {@code required = true}
 * is not CONNECTED.
 */
@Component(service = {BridgeBoard.class, ReadinessCheck.class}, property = ReadinessCheck.NAME + "=bridges")
public final class BridgeBoard implements ReadinessCheck {

    /** A bridge's configuration file: {@code deploy/io.switchboard.bridge.<bridge>~<instance>.cfg}. */
    private static final Pattern CONFIG = Pattern.compile(
            "(?:.*/)?io\\.switchboard\\.bridge\\.([a-z0-9.\\-]+)~([^/]+)\\.cfg");

    private final MeterRegistry meters;
    private final Map<Bridge, List<Meter>> bridges = new ConcurrentHashMap<>();
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Deployments deployments;

    @Activate
    public BridgeBoard(@Reference MeterRegistry meters) {
        this.meters = meters;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addBridge(Bridge bridge) {
        BridgeStatus s = bridge.status();
        Tags tags = Tags.of("bridge", s.bridge(), "instance", s.instance());
        List<Meter> m = List.of(
                counter("switchboard.bridge.messages.in", "Messages a bridge took in and committed into the platform.",
                        tags, bridge, b -> b.status().in()),
                counter("switchboard.bridge.messages.out", "Messages a bridge handed out and the far side acknowledged.",
                        tags, bridge, b -> b.status().out()),
                counter("switchboard.bridge.messages.failed", "Attempts of a bridge that failed, either direction.",
                        tags, bridge, b -> b.status().failed()),
                Gauge.builder("switchboard.bridge.connected", bridge,
                        b -> b.status().state() == BridgeState.CONNECTED ? 1 : 0)
                        .description("1 while the bridge instance is CONNECTED, else 0.").tags(tags).register(meters));
        bridges.put(bridge, m);
    }

    void removeBridge(Bridge bridge) {
        List<Meter> m = bridges.remove(bridge);
        if (m != null) {
            m.forEach(meters::remove);
        }
    }

    private FunctionCounter counter(String name, String help, Tags tags, Bridge bridge, ToDoubleFunction<Bridge> f) {
        return FunctionCounter.builder(name, bridge, f).description(help).tags(tags).register(meters);
    }

    @Deactivate
    void deactivate() {
        bridges.values().forEach(m -> m.forEach(meters::remove));
        bridges.clear();
    }

    /** Every instance, by name ({@code bridge~instance}). */
    public List<BridgeStatus> statuses() {
        Map<String, BridgeStatus> all = new LinkedHashMap<>();
        for (Bridge b : bridges.keySet()) {
            try {
                BridgeStatus s = b.status();
                all.put(s.name(), s);
            } catch (RuntimeException e) {
                // a bridge going away as it is asked
            }
        }
        Deployments d = deployments;
        if (d != null) {
            for (Deployment f : d.list()) {
                Matcher m = CONFIG.matcher(f.file());
                if (f.status() == Deployment.Status.FAILED && m.matches()
                        && !all.containsKey(m.group(1) + "~" + m.group(2))) {
                    all.put(m.group(1) + "~" + m.group(2), new BridgeStatus(m.group(1), m.group(2), BridgeState.FAILED,
                            f.error(), f.changed() == null ? Instant.now() : f.changed(), 0, 0, 0, null, false,
                            Map.of()));
                }
            }
        }
        List<BridgeStatus> list = new ArrayList<>(all.values());
        list.sort(Comparator.comparing(BridgeStatus::name));
        return list;
    }

    /** One instance by name, when there is one. */
    public Optional<BridgeStatus> status(String name) {
        return statuses().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    @Override
    public Optional<String> notReadyReason() {
        String down = statuses().stream().filter(s -> s.required() && s.state() != BridgeState.CONNECTED)
                .map(s -> "bridge " + s.name() + " (required) is " + s.state()
                        + (s.reason() == null ? "" : ": " + s.reason()))
                .collect(Collectors.joining("; "));
        return down.isEmpty() ? Optional.empty() : Optional.of(down);
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        for (BridgeStatus s : statuses()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("state", s.state().name());
            if (s.reason() != null) {
                one.put("reason", s.reason());
            }
            one.put("required", s.required());
            d.put(s.name(), one);
        }
        return d;
    }
}
