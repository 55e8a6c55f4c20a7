package io.switchboard.it.conformance;

import javax.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** javax.jms 2.0 over Artemis Core: {@code org.apache.activemq:artemis-jms-client} 2.40. */
class ArtemisJavaxCoreClientTest extends JavaxJmsConformance {

    @Override
    protected ConnectionFactory factory() {
        return new ActiveMQConnectionFactory(platform.brokerUrl());
    }
}
