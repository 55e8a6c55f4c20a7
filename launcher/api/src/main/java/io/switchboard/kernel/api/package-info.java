/** What the Switchboard kernel offers to bundles: users, platform status, features and deployments. */
@Export
@Version("1.0.0")
package io.switchboard.kernel.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
