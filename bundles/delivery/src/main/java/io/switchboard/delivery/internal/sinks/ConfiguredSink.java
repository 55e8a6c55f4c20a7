package io.switchboard.delivery.internal.sinks;

import io.switchboard.delivery.Sink;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * A sink made by a factory configuration: it registers itself as the {@link Sink} of the endpoint its configuration
 * names, and again under the new name when a change renames it.
 */
abstract class ConfiguredSink implements Sink {

    private final BundleContext context;
    private ServiceRegistration<Sink> registration;
    private String endpoint;

    ConfiguredSink(BundleContext context) {
        this.context = context;
    }

    /** Registers this sink for {@code name}, unless it already is. */
    final synchronized void registerAs(String name) {
        if (name.equals(endpoint)) {
            return;
        }
        unregister();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Sink.ENDPOINT, name);
        registration = context.registerService(Sink.class, this, props);
        endpoint = name;
    }

    final synchronized void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException gone) {
                // the bundle is stopping: already unregistered
            }
            registration = null;
            endpoint = null;
        }
    }
}
