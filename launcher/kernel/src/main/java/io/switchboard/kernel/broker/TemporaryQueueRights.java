package io.switchboard.kernel.broker;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.security.SecurityAuth;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerQueuePlugin;
import org.apache.activemq.artemis.core.settings.HierarchicalRepository;

/**
 * Gives a temporary queue, while it lives, a security setting of its own: the roles that may create non-durable
 * queues on its address may send to it, consume and browse it and delete it. Artemis matches security by address, and
 * a temporary queue's address is a random name that only the {@code #} match covers; without this a producer could
 * not wait for its reply without the right to consume every user queue. The name is the creator's to hand out (as
 * {@code JMSReplyTo}); the platform's addresses are untouched. Only an address that came into being with the
 * temporary queue (itself temporary) gets rights: a temporary queue named like an address that already existed (a
 * topic others subscribe to, a queue's address) would otherwise lend its creator consume rights on all of it.
 */
final class TemporaryQueueRights implements ActiveMQServerQueuePlugin {

    private final HierarchicalRepository<Set<Role>> security;
    private final Predicate<SimpleString> temporaryAddress;
    /** The addresses this gave a setting to, so it removes only its own. */
    private final Set<String> granted = ConcurrentHashMap.newKeySet();

    /** @param temporaryAddress whether an address is temporary (Artemis's {@code AddressInfo.isTemporary}) */
    TemporaryQueueRights(HierarchicalRepository<Set<Role>> security, Predicate<SimpleString> temporaryAddress) {
        this.security = security;
        this.temporaryAddress = temporaryAddress;
    }

    @Override
    public void afterCreateQueue(Queue queue) {
        if (!isTemporaryDestination(queue) || !temporaryAddress.test(queue.getAddress())) {
            return;
        }
        String address = queue.getAddress().toString();
        if (security.containsExactMatch(address)) {
            return; // an address broker.xml names itself keeps what broker.xml says
        }
        Set<Role> roles = new HashSet<>();
        for (Role role : security.getMatch(address)) {
            if (role.isCreateNonDurableQueue()) {
                // name, send, consume, createDurableQueue, deleteDurableQueue, createNonDurableQueue,
                // deleteNonDurableQueue, manage, browse, createAddress, deleteAddress (the broker removes a temporary
                // address with its queue)
                roles.add(new Role(role.getName(), true, true, false, false, true, true, false, true, false, false));
            }
        }
        granted.add(address);
        security.addMatch(address, roles);
    }

    @Override
    public void afterDestroyQueue(Queue queue, SimpleString address, SecurityAuth session, boolean checkConsumerCount,
                                  boolean removeConsumers, boolean autoDeleteAddress) {
        String name = queue.getAddress().toString();
        if (isTemporaryDestination(queue) && granted.remove(name)) {
            security.removeMatch(name);
        }
    }

    /**
     * A temporary queue a client made as a destination (JMS {@code createTemporaryQueue}, an AMQP dynamic node): its
     * address is its own name. The temporary queues behind non-durable topic subscriptions (STOMP, MQTT, JMS) sit on
     * the topic's address, whose rights stay what broker.xml says.
     */
    private static boolean isTemporaryDestination(Queue queue) {
        return queue.isTemporary() && queue.getName().equals(queue.getAddress());
    }

    /** How many temporary addresses hold a setting from this now. */
    int granted() {
        return granted.size();
    }
}
