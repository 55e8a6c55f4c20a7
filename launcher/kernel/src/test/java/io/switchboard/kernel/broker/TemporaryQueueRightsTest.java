package io.switchboard.kernel.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.settings.impl.HierarchicalObjectRepository;
import org.junit.jupiter.api.Test;

class TemporaryQueueRightsTest {

    /** Addresses that existed before any temporary queue: not temporary. */
    private static final Set<String> EXISTING = Set.of("orders", "prices", "DLQ");

    private static Queue queue(String address, boolean temporary) {
        return queue(address, address, temporary);
    }

    private static Queue queue(String name, String address, boolean temporary) {
        return (Queue) Proxy.newProxyInstance(Queue.class.getClassLoader(), new Class<?>[] {Queue.class},
                (p, m, a) -> switch (m.getName()) {
                    case "isTemporary" -> temporary;
                    case "getName" -> SimpleString.of(name);
                    case "getAddress" -> SimpleString.of(address);
                    default -> throw new AssertionError(m.getName());
                });
    }

    private static HierarchicalObjectRepository<Set<Role>> security() {
        HierarchicalObjectRepository<Set<Role>> repository = new HierarchicalObjectRepository<>();
        repository.addMatch("#", Set.of(
                new Role("producer", true, false, true, false, true, true, false, false, true, false),
                new Role("consumer", false, true, true, true, true, true, false, true, true, false),
                new Role("auditor", false, false, false, false, false, false, false, true, false, false)));
        return repository;
    }

    @Test
    void whileATemporaryQueueLivesTheRolesThatMayCreateOneMaySendToConsumeAndDeleteIt() throws Exception {
        var security = security();
        TemporaryQueueRights rights = new TemporaryQueueRights(security, address -> !EXISTING.contains(address.toString()));
        Queue replies = queue("6b0c2a7e-reply", true);
        rights.afterCreateQueue(replies);
        Map<String, Role> roles = security.getMatch("6b0c2a7e-reply").stream()
                .collect(Collectors.toMap(Role::getName, r -> r));
        assertEquals(Set.of("producer", "consumer"), roles.keySet(), "roles that may not create queues get nothing");
        Role producer = roles.get("producer");
        assertTrue(producer.isSend() && producer.isConsume() && producer.isBrowse() && producer.isDeleteNonDurableQueue());
        assertFalse(producer.isCreateDurableQueue() || producer.isDeleteDurableQueue() || producer.isManage()
                || producer.isDeleteAddress());

        rights.afterDestroyQueue(replies, replies.getAddress(), null, false, false, true);
        assertFalse(security.containsExactMatch("6b0c2a7e-reply"), "gone with the queue");
        assertEquals(0, rights.granted());
        assertFalse(security.getMatch("6b0c2a7e-reply").stream().anyMatch(r -> r.getName().equals("producer")
                && r.isConsume()), "the address is back to what # says");
    }

    @Test
    void durableQueuesAndAddressesBrokerXmlNamesAreLeftAsConfigured() throws Exception {
        var security = security();
        Set<Role> adminOnly = Set.of(new Role("admin", true, true, true, true, true, true, true, true, true, true));
        security.addMatch("DLQ", adminOnly);
        TemporaryQueueRights rights = new TemporaryQueueRights(security, address -> !EXISTING.contains(address.toString()));
        rights.afterCreateQueue(queue("orders", false));
        rights.afterCreateQueue(queue("5f1e-subscription", "prices", true)); // a non-durable topic subscription
        assertFalse(security.containsExactMatch("prices"), "a topic keeps its rights while someone subscribes");
        rights.afterCreateQueue(queue("DLQ", true));
        assertFalse(security.containsExactMatch("orders"));
        assertEquals(adminOnly, security.getMatch("DLQ"));
        rights.afterDestroyQueue(queue("DLQ", true), SimpleString.of("DLQ"), null, false, false, true);
        assertEquals(adminOnly, security.getMatch("DLQ"));
    }

    @Test
    void aTemporaryQueueNamedLikeAnAddressThatAlreadyExistedLendsNoRightsOnIt() throws Exception {
        var security = security();
        TemporaryQueueRights rights = new TemporaryQueueRights(security, address -> !EXISTING.contains(address.toString()));
        rights.afterCreateQueue(queue("orders", true)); // a producer's temporary queue on the address "orders"
        assertFalse(security.containsExactMatch("orders"));
        assertFalse(security.getMatch("orders").stream().anyMatch(r -> r.getName().equals("producer") && r.isConsume()),
                "the producer may still not consume what others send to orders");
        assertEquals(0, rights.granted());
    }
}
