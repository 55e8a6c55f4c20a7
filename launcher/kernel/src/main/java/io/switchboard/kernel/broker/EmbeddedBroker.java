package io.switchboard.kernel.broker;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.kernel.Placeholders;
import io.switchboard.kernel.Settings;
import io.switchboard.kernel.api.BrokerAdmin;
import io.switchboard.kernel.api.LoginGuard;
import io.switchboard.kernel.metrics.BrokerMetricsPlugin;
import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.activemq.artemis.core.config.MetricsConfiguration;
import org.apache.activemq.artemis.core.protocol.core.impl.CoreProtocolManagerFactory;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTProtocolManagerFactory;
import org.apache.activemq.artemis.core.protocol.openwire.OpenWireProtocolManagerFactory;
import org.apache.activemq.artemis.core.protocol.stomp.StompProtocolManagerFactory;
import org.apache.activemq.artemis.core.remoting.server.RemotingService;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.impl.AddressInfo;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;

/**
 * An Artemis broker in the kernel's JVM, configured by {@code config/broker.xml}. The kernel's placeholders
 * ({@code ${switchboard.data}}, {@code ${switchboard.broker.host}}, {@code ${switchboard.broker.port}}) are
 * filled in first and the result written to {@code data/broker/broker.xml}, so two instances in one JVM never
 * share JVM-wide system properties and an operator can read what the broker actually ran with.
 */
public final class EmbeddedBroker implements Broker {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final String KERNEL_USER = "switchboard-kernel";
    /**
     * The largest frame a Core, OpenWire, STOMP or MQTT client may send (or, in Core and OpenWire, announce) before its
     * login is accepted: a login is a few hundred bytes, and Artemis would otherwise buffer a frame of any size before
     * checking the credentials in it (OpenWire allocates the announced size at once). AMQP refuses frames over its
     * maxFrameSize, 128 kB, before SASL.
     */
    static final int LOGIN_LIMIT = 64 * 1024;

    private final Settings settings;
    private final LoginGuard logins;
    private final String kernelPassword;
    private final String invmId;
    private final MeterRegistry meters;
    private EmbeddedActiveMQ embedded;
    private ActiveMQConnectionFactory factory;
    private BrokerAdmin admin;

    /**
     * @param logins         the platform's login guard: broker logins share its lockout with HTTP
     * @param kernelPassword the password of the in-memory kernel account the connection factory uses
     * @param invmId         the in-VM acceptor id, unique within this JVM
     * @param meters         the platform's registry: the broker registers its own meters there
     */
    public EmbeddedBroker(Settings settings, LoginGuard logins, String kernelPassword, String invmId,
            MeterRegistry meters) {
        this.settings = settings;
        this.logins = logins;
        this.kernelPassword = kernelPassword;
        this.invmId = invmId;
        this.meters = meters;
    }

    public static String kernelUser() {
        return KERNEL_USER;
    }

    @Override
    public void start() throws Exception {
        Path effective = writeEffectiveConfig();
        embedded = new EmbeddedActiveMQ()
                .setConfigResourcePath(effective.toUri().toString())
                .setSecurityManager(new UserStoreSecurityManager(logins));
        embedded.createActiveMQServer();
        ActiveMQServer server = embedded.getActiveMQServer();
        // The kernel binds the JVM's meters itself (a platform on a remote broker has them too): the broker adds
        // only its own, queue depths, message counts, connections, journal.
        server.getConfiguration().setMetricsConfiguration(new MetricsConfiguration()
                .setPlugin(new BrokerMetricsPlugin(meters))
                .setJvmMemory(false).setJvmGc(false).setJvmThread(false));
        server.registerBrokerPlugin(new TemporaryQueueRights(server.getSecurityRepository(), address -> {
            AddressInfo info = server.getAddressInfo(address);
            return info != null && info.isTemporary();
        }));
        server.addProtocolManagerFactory(
                new LoginLimitedProtocol<>(new CoreProtocolManagerFactory(), LoginLimit.CORE, LOGIN_LIMIT));
        server.addProtocolManagerFactory(
                new LoginLimitedProtocol<>(new StompProtocolManagerFactory(), LoginLimit.STOMP, LOGIN_LIMIT));
        server.addProtocolManagerFactory(
                new LoginLimitedProtocol<>(new MQTTProtocolManagerFactory(), LoginLimit.MQTT, LOGIN_LIMIT));
        server.addProtocolManagerFactory(
                new LoginLimitedProtocol<>(new OpenWireProtocolManagerFactory(), LoginLimit.OPENWIRE, LOGIN_LIMIT));
        server.start();
        // Artemis logs a failed bind and carries on without the acceptor; a platform nobody can reach is not
        // "started", so refuse here with the cause an operator can act on.
        for (var entry : embedded.getActiveMQServer().getRemotingService().getAcceptors().entrySet()) {
            if (!entry.getValue().isStarted()) {
                String where = settings.brokerHost() + ":" + settings.brokerPort();
                embedded.stop();
                throw new IllegalStateException("the broker cannot listen on " + where + " (acceptor '"
                        + entry.getKey() + "'): the address is in use or not available; is another broker running? "
                        + "Set another port with SWITCHBOARD_BROKER_PORT or broker.port in " + Settings.FILE);
            }
        }
        factory = new ActiveMQConnectionFactory("vm://" + invmId, KERNEL_USER, kernelPassword);
        admin = new EmbeddedBrokerAdmin(embedded.getActiveMQServer(), new TestMessageSender(factory));
        LOG.info("Broker started: tcp://" + settings.brokerHost() + ":" + boundPort()
                + " (CORE, AMQP, STOMP, OPENWIRE, MQTT), journal " + settings.data().resolve("broker"));
    }

    Path writeEffectiveConfig() throws IOException {
        Path source = settings.config().resolve("broker.xml");
        if (!Files.isRegularFile(source)) {
            throw new IOException(source + ": missing (the embedded broker is configured by it)");
        }
        Map<String, String> values = Map.of(
                "switchboard.data", settings.data().toString(),
                "switchboard.broker.host", settings.brokerHost(),
                "switchboard.broker.port", Integer.toString(settings.brokerPort()),
                "switchboard.broker.invm", invmId);
        String text = Placeholders.fill(Files.readString(source), values, source);
        Path target = settings.data().resolve("broker").resolve("broker.xml");
        Files.createDirectories(target.getParent());
        Files.writeString(target, text);
        return target;
    }

    /** The TCP port the first network acceptor bound (differs from the setting when that is 0). */
    public int boundPort() {
        RemotingService remoting = embedded.getActiveMQServer().getRemotingService();
        for (Acceptor acceptor : remoting.getAcceptors().values()) {
            if (acceptor instanceof org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor netty) {
                return netty.getActualPort();
            }
        }
        return settings.brokerPort();
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return factory;
    }

    @Override
    public Optional<BrokerAdmin> admin() {
        return Optional.ofNullable(admin);
    }

    @Override
    public boolean accepting() {
        if (embedded == null) {
            return false;
        }
        ActiveMQServer server = embedded.getActiveMQServer();
        return server != null && server.isActive()
                && server.getRemotingService().getAcceptors().values().stream().allMatch(Acceptor::isStarted);
    }

    @Override
    public String describe() {
        return "embedded broker on tcp://" + settings.brokerHost() + ":" + boundPort();
    }

    @Override
    public void close() {
        if (factory != null) {
            factory.close();
        }
        if (embedded != null) {
            try {
                embedded.stop();
                LOG.info("Broker stopped");
            } catch (Exception e) {
                LOG.warn("Broker stop failed: " + e);
            }
        }
    }
}
