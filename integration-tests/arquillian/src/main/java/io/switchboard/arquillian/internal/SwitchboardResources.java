package io.switchboard.arquillian.internal;

import io.switchboard.arquillian.SwitchboardCredentials;
import jakarta.jms.ConnectionFactory;
import java.lang.annotation.Annotation;
import java.net.URI;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.test.spi.enricher.resource.ResourceProvider;
import org.osgi.framework.BundleContext;

/** The values a test gets with {@code @ArquillianResource}, one provider a type. */
final class SwitchboardResources {

    private SwitchboardResources() {
    }

    /**
     * The HTTP base as a URI ({@code http://127.0.0.1:PORT}). A {@code URL} comes from Arquillian's own provider,
     * out of the HTTP context each deployment reports.
     */
    public static final class HttpUri implements ResourceProvider {
        @Override
        public boolean canProvide(Class<?> type) {
            return type == URI.class;
        }

        @Override
        public Object lookup(ArquillianResource resource, Annotation... qualifiers) {
            return URI.create(RunningSwitchboard.current().httpBase());
        }
    }

    /** A client ConnectionFactory (Artemis Core over TCP) logged in as the admin. */
    public static final class Jms implements ResourceProvider {
        @Override
        public boolean canProvide(Class<?> type) {
            return type == ConnectionFactory.class;
        }

        @Override
        public Object lookup(ArquillianResource resource, Annotation... qualifiers) {
            RunningSwitchboard r = RunningSwitchboard.current();
            return new ActiveMQConnectionFactory(r.platform().brokerUrl(), r.credentials().user(), r.credentials().password());
        }
    }

    /** The admin account. */
    public static final class Credentials implements ResourceProvider {
        @Override
        public boolean canProvide(Class<?> type) {
            return type == SwitchboardCredentials.class;
        }

        @Override
        public Object lookup(ArquillianResource resource, Annotation... qualifiers) {
            return RunningSwitchboard.current().credentials();
        }
    }

    /** The framework's system BundleContext: embedded mode only (a managed platform is another process). */
    public static final class Bundles implements ResourceProvider {
        @Override
        public boolean canProvide(Class<?> type) {
            return type == BundleContext.class;
        }

        @Override
        public Object lookup(ArquillianResource resource, Annotation... qualifiers) {
            BundleContext context = RunningSwitchboard.current().bundleContext();
            if (context == null) {
                throw new IllegalStateException("a BundleContext is injectable in embedded mode only "
                        + "(arquillian.xml: mode = embedded); a managed platform runs in another process");
            }
            return context;
        }
    }
}
