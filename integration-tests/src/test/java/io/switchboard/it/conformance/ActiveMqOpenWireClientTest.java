package io.switchboard.it.conformance;

import javax.jms.ConnectionFactory;

/** javax.jms 2.0 over OpenWire: the ActiveMQ 5.19 client ({@code org.apache.activemq:activemq-client}). */
class ActiveMqOpenWireClientTest extends JavaxJmsConformance {

    @Override
    protected ConnectionFactory factory() {
        return new org.apache.activemq.ActiveMQConnectionFactory(platform.brokerUrl());
    }
}
