package io.switchboard.benchmarks;

import jakarta.jms.ConnectionFactory;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The peer: Apache Camel 4 (camel-jms on Spring JMS) on the same broker, over TCP. One-way: JMS → bean
 * (4 concurrent consumers; transacted with CACHE_CONSUMER for the persistent no-loss case). Request/reply:
 * JMS → bean → JMS reply (InOut, Camel answers JMSReplyTo itself).
 */
final class CamelPeer {

    private CamelPeer() {
    }

    /** Counts what the route's bean saw, first to last. */
    public static final class Counter {
        final AtomicLong count = new AtomicLong();
        final AtomicLong first = new AtomicLong();
        final AtomicLong last = new AtomicLong();

        public void handle(String body) {
            Json.decode(body);
            long now = System.nanoTime();
            if (count.getAndIncrement() == 0) {
                first.set(now);
            }
            last.accumulateAndGet(now, Math::max);
        }

        double rate() {
            return (count.get() - 1) * 1e9 / (last.get() - first.get());
        }
    }

    /** The echo bean of the request/reply route. */
    public static final class Echo {
        public String handle(String body) {
            Map<?, ?> decoded = Json.decode(body);
            return Json.encode(decoded);
        }
    }

    /** Drains {@code n} preloaded messages from {@code queue} through a Camel route; returns msg/s. */
    static double oneWay(ConnectionFactory factory, String queue, int n, boolean transacted) throws Exception {
        Counter counter = new Counter();
        CamelContext camel = context(factory);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:queue:" + queue + "?concurrentConsumers=4&cacheLevelName=CACHE_CONSUMER&transacted="
                        + transacted).bean(counter, "handle");
            }
        });
        camel.start();
        try {
            long deadline = System.nanoTime() + 600_000_000_000L;
            while (counter.count.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            return counter.rate();
        } finally {
            camel.stop();
        }
    }

    /** Starts the request/reply route on {@code queue}; stop the returned context when done. */
    static CamelContext echo(ConnectionFactory factory, String queue) throws Exception {
        CamelContext camel = context(factory);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:queue:" + queue + "?concurrentConsumers=4&cacheLevelName=CACHE_CONSUMER")
                        .bean(new Echo(), "handle");
            }
        });
        camel.start();
        return camel;
    }

    private static CamelContext context(ConnectionFactory factory) {
        CamelContext camel = new DefaultCamelContext();
        camel.addComponent("jms", JmsComponent.jmsComponent(factory));
        return camel;
    }
}
