/**
 * Routing: routes move messages from a source to targets, deciding on the way. Routes come from
 * {@code deploy/*.route.yaml} files; this package offers their status and operations ({@link RouteOperations}).
 */
@Export
@Version("1.2.0")
package io.switchboard.routing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
