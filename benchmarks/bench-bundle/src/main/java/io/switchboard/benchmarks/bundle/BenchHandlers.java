package io.switchboard.benchmarks.bundle;

import io.switchboard.dispatch.Handles;
import io.switchboard.dispatch.Message;
import io.switchboard.dispatch.MessageHandler;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** The handlers measured: bench.sink counts (one-way), bench.echo answers (request/reply). */
final class BenchHandlers {

    private BenchHandlers() {
    }

    @Component(service = MessageHandler.class)
    @Handles(type = "bench.sink")
    public static final class Sink implements MessageHandler {
        @Override
        public Object handle(Message message) {
            message.body(Map.class); // decode the 1 KB JSON, as a real handler would
            BenchCounter.SINK.hit();
            return null;
        }
    }

    @Component(service = MessageHandler.class)
    @Handles(type = "bench.echo")
    public static final class Echo implements MessageHandler {
        @Override
        public Object handle(Message message) {
            return message.body(Map.class);
        }
    }
}
