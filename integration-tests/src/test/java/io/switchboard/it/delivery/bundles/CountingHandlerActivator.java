package io.switchboard.it.delivery.bundles;

import io.switchboard.dispatch.MessageHandler;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Registers one {@link CountingHandler} as its bundle's headers say: {@code Test-Handler-Type},
 * {@code Test-Handler-Idempotent} (true or false) and {@code Test-Handler-Behaviour}; the consumer name is the
 * bundle's symbolic name, as {@code component.name} would be for a DS handler.
 */
public final class CountingHandlerActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Dictionary<String, String> h = context.getBundle().getHeaders();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(MessageHandler.TYPE, h.get("Test-Handler-Type"));
        props.put(MessageHandler.IDEMPOTENT, Boolean.valueOf(h.get("Test-Handler-Idempotent")));
        props.put("component.name", context.getBundle().getSymbolicName());
        context.registerService(MessageHandler.class, new CountingHandler(h.get("Test-Handler-Behaviour")), props);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }
}
