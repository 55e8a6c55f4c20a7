package io.switchboard.delivery;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The idempotent receiver under its first name. It moved to {@link io.switchboard.dispatch.IdempotentReceiver}, which
 * the dispatcher and routing import without depending on delivery; the delivery bundle registers its one receiver
 * under both names, so a bundle written against this name keeps working unchanged.
 *
 * @deprecated use {@link io.switchboard.dispatch.IdempotentReceiver}
 */
@Deprecated
@ProviderType
public interface IdempotentReceiver extends io.switchboard.dispatch.IdempotentReceiver {
}
