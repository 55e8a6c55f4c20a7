package io.switchboard.kernel.api;

import java.util.List;
import java.util.Map;

/**
 * A feature the kernel installed (OSGi Feature JSON, Compendium 8.1 chapter 159).
 *
 * @param id             the feature id ({@code group:artifact:version})
 * @param source         the file it was read from
 * @param boot           true for a boot feature (listed in {@code config/switchboard.properties})
 * @param bundles        the bundle ids ({@code group:artifact:version}) it provisions
 * @param configurations PID (or {@code factoryPid~name}) to properties
 */
public record FeatureInfo(String id, String source, boolean boot, List<String> bundles,
                          Map<String, Map<String, Object>> configurations) {
    public FeatureInfo {
        bundles = List.copyOf(bundles);
        configurations = Map.copyOf(configurations);
    }
}
