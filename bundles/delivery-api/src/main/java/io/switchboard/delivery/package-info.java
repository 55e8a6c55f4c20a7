/**
 * Guaranteed delivery to endpoints outside the broker: a {@link io.switchboard.delivery.Sink} per endpoint, messages
 * accepted by {@link io.switchboard.delivery.DeliveryService} (or the JMS address {@code switchboard.deliver.<endpoint>}),
 * stored, and retransmitted until delivered or dead.
 */
@Export
@Version("1.3.0")
package io.switchboard.delivery;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
