/**
 * What the Switchboard kernel offers to bundles: users and the login guard, platform status, features, deployments
 * (and the handlers of deployable file kinds), metrics, the embedded broker's destinations, console pages, REST
 * resources, the masking of secrets, and the reconnect-with-backoff loop of workers on the broker.
 */
@Export
@Version("1.7.0")
package io.switchboard.kernel.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
