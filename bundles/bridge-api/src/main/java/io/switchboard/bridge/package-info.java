/**
 * Protocol bridges: what every bridge bundle shares. A bridge instance (one factory configuration
 * {@code deploy/io.switchboard.bridge.<name>~<instance>.cfg}) registers a {@link Bridge} service that reports its
 * {@link BridgeStatus}; the bridges bundle shows them in {@code /api/v1/bridges}, {@code /health/ready}, {@code /metrics}
 * and the console's Bridges page. {@link BridgeHeaders} is the one header convention, {@link ClusterRole} the role of
 * a source when several nodes run.
 */
@Export
@Version("1.0.0")
package io.switchboard.bridge;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
