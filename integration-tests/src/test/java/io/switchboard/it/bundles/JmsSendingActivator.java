package io.switchboard.it.bundles;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * A test bundle that does what any bundle does with the backbone: takes the ConnectionFactory service and sends
 * one message, to the queue named by its {@code Test-Queue} header, carrying its bundle's symbolic name.
 */
public class JmsSendingActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) throws JMSException {
        ServiceReference<ConnectionFactory> ref = context.getServiceReference(ConnectionFactory.class);
        ConnectionFactory cf = context.getService(ref);
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(context.getBundle().getHeaders().get("Test-Queue")));
            p.send(s.createTextMessage("sent by " + context.getBundle().getSymbolicName()));
        } finally {
            context.ungetService(ref);
        }
    }

    @Override
    public void stop(BundleContext context) {
    }
}
