package io.switchboard.routing.internal;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The sessions through which a bridge's source routes its messages: {@link #SESSIONS} of them, each used by one
 * caller at a time, so that many callers (webhook requests, say) commit side by side and the broker's journal syncs
 * their commits together, while each message still has a transaction of its own.
 */
final class BridgeLanes {

    /** How many messages a bridge's source may have in its route at once. */
    static final int SESSIONS = 8;

    /** One session with its sender and producer. */
    record Lane(Session session, Sender sender, MessageProducer producer) {
    }

    /** What a caller does on a lane. */
    interface Work<T> {
        T run(Lane lane) throws Exception;
    }

    private final BlockingQueue<Lane> lanes = new ArrayBlockingQueue<>(SESSIONS);

    BridgeLanes(Connection connection, Services services) throws JMSException {
        for (int i = 0; i < SESSIONS; i++) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            lanes.add(new Lane(session, new Sender(session, services, connection), session.createProducer(null)));
        }
    }

    /** Runs {@code work} on a free lane, waiting for one while all are busy. */
    <T> T with(Work<T> work) throws Exception {
        Lane lane = lanes.take();
        try {
            return work.run(lane);
        } finally {
            lanes.add(lane);
        }
    }
}
