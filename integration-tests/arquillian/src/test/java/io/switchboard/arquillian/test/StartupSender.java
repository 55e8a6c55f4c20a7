package io.switchboard.arquillian.test;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** A bundle under test: on start it sends "started" through the platform's ConnectionFactory service. */
public class StartupSender implements BundleActivator {

    @Override
    public void start(BundleContext context) throws JMSException {
        ServiceReference<ConnectionFactory> ref = context.getServiceReference(ConnectionFactory.class);
        try (Connection c = context.getService(ref).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createProducer(s.createQueue("arquillian.started"))
                    .send(s.createTextMessage("started " + context.getBundle().getSymbolicName()));
        } finally {
            context.ungetService(ref);
        }
    }

    @Override
    public void stop(BundleContext context) {
    }
}
