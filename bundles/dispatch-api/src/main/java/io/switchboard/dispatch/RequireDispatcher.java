package io.switchboard.dispatch;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.annotation.bundle.Requirement;

/**
 * Requires the dispatcher: a bundle carrying it resolves only where a bundle provides the dispatcher (the
 * {@code osgi.implementation} capability {@value #NAME}, which the dispatch bundle declares). {@link Handles} carries
 * it, so a handler bundle never needs to name it; use it directly on a bundle that sends through the
 * {@link Messenger} without handling anything.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
// "osgi.implementation" is ImplementationNamespace.IMPLEMENTATION_NAMESPACE, written out: this API needs no osgi.core
@Requirement(namespace = "osgi.implementation", name = RequireDispatcher.NAME, version = RequireDispatcher.VERSION)
public @interface RequireDispatcher {

    /** The implementation name the dispatcher provides. */
    String NAME = "switchboard.dispatcher";

    /** The version of the dispatch contract it implements; a requirement accepts up to the next major version. */
    String VERSION = "1.0.0";
}
