/**
 * What the Switchboard kernel offers to bundles: users, platform status, features, deployments (and the handlers of
 * deployable file kinds) and metrics.
 */
@Export
@Version("1.3.0")
package io.switchboard.kernel.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
