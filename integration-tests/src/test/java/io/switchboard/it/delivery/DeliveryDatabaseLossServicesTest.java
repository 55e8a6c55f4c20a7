package io.switchboard.it.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.testing.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input: the store's PostgreSQL goes away mid-run (a TCP proxy between the platform and 127.0.0.1:5432 is cut).
 * {@code /health/ready} turns 503 with the reason, messages sent meanwhile stay in the broker, and once the database is
 * back every message is stored once and delivered. Runs only under {@code -Pservices}.
 */
class DeliveryDatabaseLossServicesTest {

    /** Messages sent: ten before the database goes, the rest streaming while it goes and comes back. */
    private static final int TOTAL = 400;

    @TempDir
    Path dir;

    /** Forwards a local port to PostgreSQL until cut; can be restored on the same port. */
    static final class Proxy implements AutoCloseable {
        final int port = Platform.freePort();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private volatile ServerSocket server;

        void open() throws IOException {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", port));
            server = s;
            Thread accept = new Thread(() -> {
                while (!s.isClosed()) {
                    try {
                        Socket client = s.accept();
                        Socket db = new Socket("127.0.0.1", 5432);
                        sockets.add(client);
                        sockets.add(db);
                        pump(client, db);
                        pump(db, client);
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "pg-proxy");
            accept.setDaemon(true);
            accept.start();
        }

        private void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // cut
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }, "pg-proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        /** The database is lost: no new connections, the open ones reset. */
        void cut() throws IOException {
            server.close();
            for (Socket s : sockets) {
                closeQuietly(s);
            }
            sockets.clear();
        }

        @Override
        public void close() throws IOException {
            cut();
        }

        private static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    @Test
    void aLostDatabaseMakesThePlatformUnreadyAndLosesNothing() throws Exception {
        Platform platform = Platform.at(Platform.unpack(dir), "data");
        try (PostgresSchema schema = PostgresSchema.create("sb_loss_"); Proxy proxy = new Proxy()) {
            proxy.open();
            platform.drop(schema.deliveryConfiguration(proxy.port).getBytes(StandardCharsets.UTF_8),
                    "io.switchboard.delivery.cfg");
            platform.drop("log = true\n".getBytes(StandardCharsets.UTF_8), "io.switchboard.delivery.test~lost.cfg");
            platform.start();
            platform.awaitHttp("/health/ready", 200, b -> true);
            send(platform, 0, 10);
            platform.awaitLog(l -> l.contains("received message loss-9 "), Duration.ofSeconds(20));

            // the database goes while messages stream in: a commit under way is cut, its answer lost
            Thread stream = new Thread(() -> {
                try {
                    send(platform, 10, TOTAL);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "loss-sender");
            stream.start();
            platform.awaitLog(l -> l.contains("received message loss-60 "), Duration.ofSeconds(20));
            proxy.cut(); // the broker keeps taking them; the store cannot
            String body = platform.awaitHttp("/health/ready", 503, b -> b.contains("delivery:"));
            assertTrue(body.contains("delivery:"), body);

            proxy.open(); // the database is back
            platform.awaitHttp("/health/ready", 200, b -> true);
            stream.join(60_000);
            DataSource store = schema.dataSource();
            int[] rows = {0, 0};
            try {
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    try (Connection c = store.getConnection(); ResultSet r = c.createStatement().executeQuery(
                            "select count(*), count(distinct message_id) from sb_delivery where state = 'DELIVERED'")) {
                        r.next();
                        rows[0] = r.getInt(1);
                        rows[1] = r.getInt(2);
                    }
                    return rows[0] >= TOTAL;
                });
            } catch (ConditionTimeoutException e) {
                // not all delivered: the assertions below say which ones are missing
            }
            assertEquals(TOTAL, rows[0], () -> "every message stored once and delivered; the others:\n"
                    + notDelivered(store) + "\nlog:\n" + platform.log());
            assertEquals(TOTAL, rows[1]);
            String log = platform.log();
            for (int i = 0; i < TOTAL; i++) {
                assertTrue(log.contains("received message loss-" + i + " "), "loss-" + i + " never reached the sink");
            }
        } finally {
            platform.close();
        }
    }

    /** The rows not delivered, with what the store says of them: for the failure message. */
    private static String notDelivered(DataSource store) {
        StringBuilder out = new StringBuilder();
        try (Connection c = store.getConnection(); ResultSet r = c.createStatement().executeQuery(
                "select message_id, state, claimed_by, attempts, updated_at, last_error from sb_delivery "
                        + "where state <> 'DELIVERED' order by id")) {
            while (r.next()) {
                out.append(r.getString(1)).append(' ').append(r.getString(2)).append(" claimed by ")
                        .append(r.getString(3)).append(", ").append(r.getInt(4)).append(" attempt(s), updated ")
                        .append(r.getString(5)).append(", last error ").append(r.getString(6)).append('\n');
            }
        } catch (java.sql.SQLException e) {
            out.append("(could not read them: ").append(e).append(')');
        }
        return out.toString();
    }

    private static void send(Platform platform, int from, int to) throws Exception {
        var factory = new ActiveMQConnectionFactory(platform.brokerUrl(), "admin", Platform.ADMIN_PASSWORD);
        try (jakarta.jms.JMSContext ctx = factory.createContext()) {
            for (int i = from; i < to; i++) {
                jakarta.jms.TextMessage m = ctx.createTextMessage("{\"n\":" + i + "}");
                m.setStringProperty("SB_MESSAGE_ID", "loss-" + i);
                ctx.createProducer().send(ctx.createQueue("switchboard.deliver.lost"), m);
            }
        }
    }
}
