package io.switchboard.it.conformance;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** Jakarta JMS 3.1 over Artemis Core: {@code org.apache.artemis:artemis-jakarta-client}. */
class ArtemisJakartaClientTest extends JakartaJmsConformance {

    @Override
    protected ConnectionFactory factory() {
        return new ActiveMQConnectionFactory(platform.brokerUrl());
    }
}
