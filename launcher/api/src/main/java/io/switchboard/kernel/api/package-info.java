/** What the Switchboard kernel offers to bundles: users, platform status, features, deployments and metrics. */
@Export
@Version("1.2.0")
package io.switchboard.kernel.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
