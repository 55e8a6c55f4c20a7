package io.switchboard.kernel.broker;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.ActiveMQBuffer;
import org.apache.activemq.artemis.api.core.BaseInterceptor;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.persistence.Persister;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnection;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyServerConnection;
import org.apache.activemq.artemis.core.server.ActiveMQComponent;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.routing.RoutingHandler;
import org.apache.activemq.artemis.spi.core.protocol.ConnectionEntry;
import org.apache.activemq.artemis.spi.core.protocol.ProtocolManager;
import org.apache.activemq.artemis.spi.core.protocol.ProtocolManagerFactory;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;
import org.apache.activemq.artemis.spi.core.remoting.Connection;

/**
 * One of Artemis's protocols with a {@link LoginLimit} in front of every connection: Artemis's STOMP and MQTT decoders
 * buffer a frame of any size (MQTT up to 256 MB) before the login in it is checked. Everything else is the protocol's
 * own; the kernel registers this in place of the protocol's factory.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class LoginLimitedProtocol<P extends BaseInterceptor> implements ProtocolManagerFactory<P> {

    private final ProtocolManagerFactory<P> protocol;
    private final LoginLimit.Answer answer;
    private final int limit;

    LoginLimitedProtocol(ProtocolManagerFactory<P> protocol, LoginLimit.Answer answer, int limit) {
        this.protocol = protocol;
        this.answer = answer;
        this.limit = limit;
    }

    @Override
    public ProtocolManager createProtocolManager(ActiveMQServer server, Map<String, Object> parameters,
                                                 List<BaseInterceptor> incoming, List<BaseInterceptor> outgoing)
            throws Exception {
        return new Limited(protocol.createProtocolManager(server, parameters, incoming, outgoing), server);
    }

    @Override
    public Persister<Message>[] getPersister() {
        return protocol.getPersister();
    }

    @Override
    public List<P> filterInterceptors(List<BaseInterceptor> interceptors) {
        return protocol.filterInterceptors(interceptors);
    }

    @Override
    public String[] getProtocols() {
        return protocol.getProtocols();
    }

    @Override
    public String getModuleName() {
        return protocol.getModuleName();
    }

    @Override
    public void loadProtocolServices(ActiveMQServer server, List<ActiveMQComponent> services) {
        protocol.loadProtocolServices(server, services);
    }

    @Override
    public void updateProtocolServices(ActiveMQServer server, List<ActiveMQComponent> services) throws Exception {
        protocol.updateProtocolServices(server, services);
    }

    /** The protocol's manager; only its channel handlers gain the limit, placed before its own decoder. */
    private final class Limited implements ProtocolManager<P, RoutingHandler> {

        private final ProtocolManager<P, ?> manager;
        private final ActiveMQServer server;

        Limited(ProtocolManager<P, ?> manager, ActiveMQServer server) {
            this.manager = manager;
            this.server = server;
        }

        @Override
        public void addChannelHandlers(ChannelPipeline pipeline) {
            pipeline.addLast(LoginLimit.NAME, new LoginLimit(getProtocols()[0], limit, answer, this::authenticated));
            manager.addChannelHandlers(pipeline);
        }

        /** Whether the broker authenticated the connection on this channel (its security store set a subject). */
        private boolean authenticated(Channel channel) {
            for (RemotingConnection c : server.getRemotingService().getConnections()) {
                if (c.getTransportConnection() instanceof NettyConnection netty && netty.getChannel() == channel) {
                    return c.getSubject() != null;
                }
            }
            return false;
        }

        @Override
        public ProtocolManagerFactory<P> getFactory() {
            return LoginLimitedProtocol.this;
        }

        @Override
        public void updateInterceptors(List<BaseInterceptor> incoming, List<BaseInterceptor> outgoing) {
            manager.updateInterceptors(incoming, outgoing);
        }

        @Override
        public ConnectionEntry createConnectionEntry(Acceptor acceptor, Connection connection) {
            return manager.createConnectionEntry(acceptor, connection);
        }

        @Override
        public void removeHandler(String name) {
            manager.removeHandler(name);
        }

        @Override
        public void handleBuffer(RemotingConnection connection, ActiveMQBuffer buffer) {
            manager.handleBuffer(connection, buffer);
        }

        @Override
        public boolean isProtocol(byte[] array) {
            return manager.isProtocol(array);
        }

        @Override
        public boolean acceptsNoHandshake() {
            return manager.acceptsNoHandshake();
        }

        @Override
        public void handshake(NettyServerConnection connection, ActiveMQBuffer buffer) {
            manager.handshake(connection, buffer);
        }

        @Override
        public List<String> websocketSubprotocolIdentifiers() {
            return manager.websocketSubprotocolIdentifiers();
        }

        @Override
        public void setAnycastPrefix(String prefix) {
            manager.setAnycastPrefix(prefix);
        }

        @Override
        public void setMulticastPrefix(String prefix) {
            manager.setMulticastPrefix(prefix);
        }

        @Override
        public Map<SimpleString, RoutingType> getPrefixes() {
            return manager.getPrefixes();
        }

        @Override
        public void setSecurityDomain(String domain) {
            manager.setSecurityDomain(domain);
        }

        @Override
        public String getSecurityDomain() {
            return manager.getSecurityDomain();
        }

        @Override
        public RoutingHandler getRoutingHandler() {
            return manager.getRoutingHandler();
        }
    }
}
