/**
 * Dispatch: send a {@link io.switchboard.dispatch.Message}; the platform runs the {@link
 * io.switchboard.dispatch.MessageHandler} registered for its type. {@link io.switchboard.dispatch.Wire} is the
 * convention legacy clients use on the {@code switchboard.dispatch} queue. {@link
 * io.switchboard.dispatch.IdempotentReceiver} remembers which messages a consumer processed.
 */
@Export
@Version("1.4.0")
package io.switchboard.dispatch;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
