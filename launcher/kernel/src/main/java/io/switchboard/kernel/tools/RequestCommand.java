package io.switchboard.kernel.tools;

import io.switchboard.kernel.Settings;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * {@code switchboard request TYPE [OPERATION] [JSON]}: dispatches one message by the wire convention, as any
 * legacy JMS client would, and prints the reply. Waits up to {@code SWITCHBOARD_TIMEOUT} seconds (default 60),
 * so a parked request can be answered by a handler deployed meanwhile. Logs in as {@code SWITCHBOARD_USER}
 * (default admin) with {@code SWITCHBOARD_PASSWORD}, else the admin password from the environment or
 * {@code data/initial-admin-password}. Exit code: 0 ok, 1 error reply, 3 no reply in time, 2 bad usage.
 */
public final class RequestCommand {

    private RequestCommand() {
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out) throws IOException {
        if (args.length < 1 || args.length > 3) {
            out.println("usage: switchboard request TYPE [OPERATION] [JSON]");
            return 2;
        }
        Settings settings = Settings.load(env);
        String user = env.getOrDefault("SWITCHBOARD_USER", "admin");
        String password = password(env, settings.data());
        long timeoutMillis = Long.parseLong(env.getOrDefault("SWITCHBOARD_TIMEOUT", "60")) * 1000;
        String url = "tcp://" + settings.brokerHost() + ":" + settings.brokerPort();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, user, password);
                Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            var consumer = session.createConsumer(replies);
            connection.start();
            TextMessage request = session.createTextMessage(args.length > 2 ? args[2] : "{}");
            request.setStringProperty("SB_TYPE", args[0]);
            if (args.length > 1 && !args[1].isEmpty()) {
                request.setStringProperty("SB_OPERATION", args[1]);
            }
            request.setJMSCorrelationID(UUID.randomUUID().toString());
            request.setJMSReplyTo(replies);
            session.createProducer(session.createQueue("switchboard.dispatch")).send(request);
            jakarta.jms.Message reply = consumer.receive(timeoutMillis);
            if (reply == null) {
                out.println("no reply within " + timeoutMillis / 1000 + " s (no handler yet? the request stays parked)");
                return 3;
            }
            String status = reply.getStringProperty("SB_STATUS");
            out.println(status + " " + (reply instanceof TextMessage t ? t.getText() : "(binary reply)"));
            return "ok".equals(status) ? 0 : 1;
        } catch (JMSException e) {
            out.println("request failed: " + e.getMessage() + " (" + url + ")");
            return 1;
        }
    }

    private static String password(Map<String, String> env, Path data) throws IOException {
        if (env.get("SWITCHBOARD_PASSWORD") != null) {
            return env.get("SWITCHBOARD_PASSWORD");
        }
        if (env.get("SWITCHBOARD_ADMIN_PASSWORD") != null) {
            return env.get("SWITCHBOARD_ADMIN_PASSWORD");
        }
        Path initial = data.resolve("initial-admin-password");
        return Files.exists(initial) ? Files.readString(initial).trim() : "";
    }
}
