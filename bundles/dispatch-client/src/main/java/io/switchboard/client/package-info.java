/** A plain-Java client that dispatches messages to a Switchboard platform over JMS, from outside the container. */
@Export
@Version("1.0.0")
package io.switchboard.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
