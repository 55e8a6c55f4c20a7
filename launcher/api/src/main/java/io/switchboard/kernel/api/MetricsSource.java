package io.switchboard.kernel.api;

import java.io.IOException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A whiteboard service contributing to {@code /metrics}. Each source writes complete metric families in the
 * Prometheus text exposition format (version 0.0.4), {@code # HELP} and {@code # TYPE} lines included; names
 * start with {@code switchboard_} and the concern, e.g. {@code switchboard_dispatch_handled_total}.
 */
@ConsumerType
public interface MetricsSource {

    /** Appends this source's metric families to {@code out}. Called on every scrape; must not block for long. */
    void writeMetrics(Appendable out) throws IOException;
}
