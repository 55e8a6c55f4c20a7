package io.switchboard.kernel.broker;

import io.switchboard.kernel.Settings;
import io.switchboard.kernel.api.BrokerAdmin;
import io.switchboard.kernel.api.Secrets;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * An external Artemis broker or cluster ({@code broker.mode = remote}). Several URLs make an HA list the
 * client fails over between; bundles get the same {@code ConnectionFactory} service as in embedded mode and
 * see no difference.
 */
public final class RemoteBroker implements Broker {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteBroker.class);
    private static final long PROBE_CACHE_MILLIS = 1000;

    private final Settings settings;
    private ActiveMQConnectionFactory factory;
    private volatile long probedAt;
    private volatile boolean lastProbe;

    public RemoteBroker(Settings settings) {
        this.settings = settings;
    }

    /** The Artemis client URL: one broker, or {@code (url1,url2)?ha=true} with endless reconnects. */
    static String clientUrl(java.util.List<String> urls) {
        String reconnect = "reconnectAttempts=-1&retryInterval=500&retryIntervalMultiplier=1.5&maxRetryInterval=5000";
        if (urls.size() == 1) {
            String url = urls.get(0);
            return url + (url.contains("?") ? "&" : "?") + reconnect;
        }
        return "(" + String.join(",", urls) + ")?ha=true&" + reconnect;
    }

    @Override
    public void start() throws JMSException {
        String url = clientUrl(settings.remoteUrls());
        factory = new ActiveMQConnectionFactory(url, settings.remoteUser(), settings.remotePassword());
        try (Connection probe = factory.createConnection()) {
            lastProbe = true;
            probedAt = System.currentTimeMillis();
        }
        LOG.info("Connected to remote broker " + Secrets.mask(String.join(", ", settings.remoteUrls())));
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return factory;
    }

    /** Empty: a remote broker's destinations are managed with that broker's own tools. */
    @Override
    public Optional<BrokerAdmin> admin() {
        return Optional.empty();
    }

    @Override
    public boolean accepting() {
        long now = System.currentTimeMillis();
        if (now - probedAt > PROBE_CACHE_MILLIS) {
            try (Connection probe = factory.createConnection()) {
                lastProbe = true;
            } catch (JMSException | RuntimeException e) {
                lastProbe = false;
            }
            probedAt = now;
        }
        return lastProbe;
    }

    @Override
    public String describe() {
        return "remote broker " + Secrets.mask(String.join(", ", settings.remoteUrls()));
    }

    @Override
    public void close() {
        if (factory != null) {
            factory.close();
        }
    }
}
