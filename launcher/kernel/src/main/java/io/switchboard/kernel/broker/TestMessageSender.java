package io.switchboard.kernel.broker;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.TextMessage;
import java.util.Locale;
import java.util.Map;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.server.impl.AddressInfo;

/**
 * Sends an operator's test message through the kernel's own JMS connection factory, so it is exactly what a JMS
 * sender would have sent: a {@code TextMessage} with string properties.
 */
final class TestMessageSender {

    private final ConnectionFactory factory;

    TestMessageSender(ConnectionFactory factory) {
        this.factory = factory;
    }

    void send(AddressInfo address, String routingType, String body, Map<String, String> properties, boolean durable) {
        RoutingType type = routingType(address, routingType);
        Map<String, String> props = properties == null ? Map.of() : properties;
        props.keySet().forEach(TestMessageSender::checkPropertyName);
        String name = address.getName().toString();
        try (JMSContext context = factory.createContext()) {
            TextMessage message = context.createTextMessage(body);
            for (var p : props.entrySet()) {
                message.setStringProperty(p.getKey(), p.getValue());
            }
            Destination destination = type == RoutingType.MULTICAST ? context.createTopic(name) : context.createQueue(name);
            context.createProducer()
                    .setDeliveryMode(durable ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT)
                    .send(destination, message);
        } catch (JMSException | JMSRuntimeException e) {
            throw new IllegalStateException("sending to " + name + " failed: " + e.getMessage(), e);
        }
    }

    /** The routing type asked for, or the address's own: ANYCAST when it has both. */
    static RoutingType routingType(AddressInfo address, String asked) {
        var types = address.getRoutingTypes();
        if (asked == null || asked.isBlank()) {
            return types.contains(RoutingType.ANYCAST) || types.isEmpty() ? RoutingType.ANYCAST : RoutingType.MULTICAST;
        }
        RoutingType type;
        try {
            type = RoutingType.valueOf(asked.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("routingType must be ANYCAST or MULTICAST, not " + asked);
        }
        if (!types.contains(type)) {
            throw new IllegalArgumentException("address " + address.getName() + " has no " + type + " routing (it has "
                    + types + ")");
        }
        return type;
    }

    /** JMS property names are Java identifiers; say which one is not before a client library says it vaguely. */
    static void checkPropertyName(String name) {
        boolean valid = name != null && !name.isEmpty() && Character.isJavaIdentifierStart(name.charAt(0))
                && name.chars().allMatch(Character::isJavaIdentifierPart);
        if (!valid) {
            throw new IllegalArgumentException("property name '" + name + "' is not a Java identifier (JMS requires one)");
        }
    }
}
