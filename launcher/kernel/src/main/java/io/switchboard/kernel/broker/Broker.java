package io.switchboard.kernel.broker;

import io.switchboard.kernel.api.BrokerAdmin;
import jakarta.jms.ConnectionFactory;
import java.util.Optional;

/** The JMS backbone as the kernel sees it: embedded in this JVM, or a remote Artemis broker or cluster. */
public interface Broker extends AutoCloseable {

    /** Starts the broker, or checks the remote one answers. */
    void start() throws Exception;

    /** The factory registered in the framework; it carries the kernel's credentials. */
    ConnectionFactory connectionFactory();

    /** The destinations to show and act on, where this broker is the kernel's to manage; empty otherwise. */
    Optional<BrokerAdmin> admin();

    /** True when clients can connect now. */
    boolean accepting();

    /** Where clients connect, for the log. */
    String describe();

    @Override
    void close();
}
