package io.switchboard.kernel.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.impl.AddressInfo;
import org.junit.jupiter.api.Test;

class TestMessageSenderTest {

    private static AddressInfo address(RoutingType... types) {
        return new AddressInfo(SimpleString.of("orders"), EnumSet.of(types[0], types));
    }

    @Test
    void withoutARoutingTypeTheAddressOwnIsTakenAnycastWhenItHasBoth() {
        assertEquals(RoutingType.MULTICAST, TestMessageSender.routingType(address(RoutingType.MULTICAST), null));
        assertEquals(RoutingType.ANYCAST,
                TestMessageSender.routingType(address(RoutingType.ANYCAST, RoutingType.MULTICAST), " "));
        assertEquals(RoutingType.MULTICAST,
                TestMessageSender.routingType(address(RoutingType.ANYCAST, RoutingType.MULTICAST), "multicast"));
    }

    @Test
    void aRoutingTypeTheAddressDoesNotHaveIsRefusedSayingWhichItHas() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> TestMessageSender.routingType(address(RoutingType.ANYCAST), "MULTICAST"));
        assertTrue(e.getMessage().contains("has no MULTICAST"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TestMessageSender.routingType(address(RoutingType.ANYCAST), "TOPIC"));
    }

    @Test
    void propertyNamesMustBeJavaIdentifiersAsJmsRequires() {
        TestMessageSender.checkPropertyName("_AMQ_GROUP_ID");
        TestMessageSender.checkPropertyName("orderId");
        var e = assertThrows(IllegalArgumentException.class, () -> TestMessageSender.checkPropertyName("order-id"));
        assertTrue(e.getMessage().contains("'order-id'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TestMessageSender.checkPropertyName(""));
    }
}
