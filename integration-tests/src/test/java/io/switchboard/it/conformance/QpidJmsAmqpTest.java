package io.switchboard.it.conformance;

import jakarta.jms.ConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;

/** Jakarta JMS over AMQP 1.0: Apache Qpid JMS 2.x ({@code org.apache.qpid:qpid-jms-client}). */
class QpidJmsAmqpTest extends JakartaJmsConformance {

    @Override
    protected ConnectionFactory factory() {
        return new JmsConnectionFactory("amqp://127.0.0.1:" + platform.brokerPort());
    }
}
