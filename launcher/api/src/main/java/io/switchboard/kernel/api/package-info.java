/**
 * What the Switchboard kernel offers to bundles: users and the login guard, platform status, features, deployments
 * (and the handlers of deployable file kinds), the embedded broker's destinations, console pages, REST resources,
 * the masking of secrets, and the reconnect-with-backoff loop of workers on the broker. Metrics are Micrometer's:
 * the kernel registers one {@code io.micrometer.core.instrument.MeterRegistry} service (2.0.0: the hand-written
 * {@code MetricsSource} is gone).
 */
@Export
@Version("2.1.0")
package io.switchboard.kernel.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
