package io.switchboard.kernel.broker;

import io.switchboard.kernel.api.BrokerAddress;
import io.switchboard.kernel.api.BrokerAdmin;
import io.switchboard.kernel.api.BrowsedMessage;
import io.switchboard.kernel.api.QueueInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.management.QueueControl;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.core.postoffice.impl.LocalQueueBinding;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.utils.collections.LinkedListIterator;

/**
 * {@link BrokerAdmin} for the broker in this JVM: reads and acts through the server's own queues and their
 * management controls, the same code paths Artemis's console and CLI take.
 */
final class EmbeddedBrokerAdmin implements BrokerAdmin {

    private final ActiveMQServer server;
    private final TestMessageSender sender;

    EmbeddedBrokerAdmin(ActiveMQServer server, TestMessageSender sender) {
        this.server = server;
        this.sender = sender;
    }

    @Override
    public List<QueueInfo> queues() {
        List<Queue> queues = server.getPostOffice().getAllBindings()
                .filter(LocalQueueBinding.class::isInstance)
                .map(b -> ((LocalQueueBinding) b).getQueue())
                .filter(q -> !q.isInternalQueue())
                .sorted(Comparator.comparing(q -> q.getName().toString()))
                .toList();
        Set<SimpleString> deadLetterAddresses = deadLetterAddresses(queues);
        return queues.stream().map(q -> new QueueInfo(q.getName().toString(), q.getAddress().toString(),
                q.getRoutingType().name(), q.isDurable(), q.isTemporary(), deadLetterAddresses.contains(q.getAddress()),
                q.getMessageCount(), q.getConsumerCount(), q.getMessagesAdded(), q.getMessagesAcknowledged(),
                q.getDeliveringCount(), q.getScheduledCount())).toList();
    }

    @Override
    public List<BrokerAddress> addresses() {
        List<BrokerAddress> result = new ArrayList<>();
        for (SimpleString name : server.getPostOffice().getAddresses()) {
            var info = server.getAddressInfo(name);
            if (info == null || info.isInternal() || name.toString().startsWith("activemq.")) {
                continue; // the broker's own (management, notifications)
            }
            int queues;
            try {
                queues = server.getPostOffice().listQueuesForAddress(name).size();
            } catch (Exception e) {
                queues = 0; // removed meanwhile
            }
            result.add(new BrokerAddress(name.toString(), info.getRoutingTypes().stream().map(Enum::name).sorted()
                    .toList(), queues, info.getRoutedMessageCount(), info.getUnRoutedMessageCount(),
                    info.isTemporary()));
        }
        result.sort(Comparator.comparing(BrokerAddress::name));
        return result;
    }

    /** Every address some queue's messages are dead-lettered to, and every one an address setting names. */
    private Set<SimpleString> deadLetterAddresses(List<Queue> queues) {
        var settings = server.getAddressSettingsRepository();
        Set<SimpleString> result = new HashSet<>();
        for (AddressSettings s : settings.values()) {
            addIfSet(result, s.getDeadLetterAddress());
        }
        for (Queue q : queues) {
            addIfSet(result, settings.getMatch(q.getAddress().toString()).getDeadLetterAddress());
        }
        return result;
    }

    private static void addIfSet(Set<SimpleString> addresses, SimpleString address) {
        if (address != null && !address.isEmpty()) {
            addresses.add(address);
        }
    }

    @Override
    public List<BrowsedMessage> browse(String queue, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        List<BrowsedMessage> messages = new ArrayList<>();
        try (LinkedListIterator<MessageReference> refs = queue(queue).browserIterator()) {
            while (messages.size() < limit && refs.hasNext()) {
                messages.add(MessagePreview.of(refs.next().getMessage()));
            }
        }
        return messages;
    }

    @Override
    public long purge(String queue) {
        return call(queue, control -> control.removeAllMessages());
    }

    @Override
    public int retry(String deadLetterQueue) {
        return call(deadLetterQueue, QueueControl::retryMessages);
    }

    @Override
    public int retry(String queue, long messageId) {
        return call(queue, control -> control.retryMessage(messageId) ? 1 : 0);
    }

    @Override
    public int move(String queue, String toAddress) {
        Queue from = queue(queue);
        SimpleString to = SimpleString.of(toAddress);
        if (server.getAddressInfo(to) == null) {
            throw new NoSuchElementException("no address " + toAddress);
        }
        if (to.equals(from.getAddress())) {
            throw new IllegalArgumentException("queue " + queue + " is on address " + toAddress + " already");
        }
        try {
            if (server.getPostOffice().listQueuesForAddress(to).isEmpty()) {
                throw new IllegalArgumentException("address " + toAddress
                        + " has no queue: the messages moved there would be lost");
            }
            // As Artemis's own moveMessages: one management operation at a time.
            try (AutoCloseable lock = server.managementLock()) {
                return from.moveReferences(null, to, null);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("moving " + queue + " to " + toAddress + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void send(String address, String routingType, String body, Map<String, String> properties,
            boolean durable) {
        var info = server.getAddressInfo(SimpleString.of(address));
        if (info == null) {
            throw new NoSuchElementException("no address " + address);
        }
        sender.send(info, routingType, body, properties, durable);
    }

    private Queue queue(String name) {
        Queue queue = name == null ? null : server.locateQueue(SimpleString.of(name));
        if (queue == null || queue.isInternalQueue()) {
            throw new NoSuchElementException("no queue " + name);
        }
        return queue;
    }

    @FunctionalInterface
    private interface Operation<T> {
        T on(QueueControl control) throws Exception;
    }

    private <T> T call(String queue, Operation<T> operation) {
        queue(queue);
        Object resource = server.getManagementService().getResource(ResourceNames.QUEUE + queue);
        if (!(resource instanceof QueueControl control)) {
            throw new NoSuchElementException("no queue " + queue);
        }
        try {
            return operation.on(control);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(queue + ": " + e.getMessage(), e);
        }
    }
}
