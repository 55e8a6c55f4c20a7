package io.switchboard.bridge.exec.internal;

import io.switchboard.bridge.BridgeInstance;
import io.switchboard.dispatch.Message;
import io.switchboard.dispatch.MessageHandler;
import io.switchboard.dispatch.RejectedMessageException;
import java.util.Dictionary;
import java.util.Hashtable;

/**
 * The program as the dispatch handler of its type: exit ok → its stdout is the reply; transient → an exception, so
 * the dispatcher retries with backoff; permanent → {@link RejectedMessageException} with the exit code and the end
 * of stderr, so the message is dead-lettered at once.
 */
final class ExecHandler implements MessageHandler {

    private final ExecEndpoint endpoint;
    private final BridgeInstance instance;

    ExecHandler(ExecEndpoint endpoint, BridgeInstance instance) {
        this.endpoint = endpoint;
        this.instance = instance;
    }

    @Override
    public Object handle(Message message) throws Exception {
        RunResult result = endpoint.call(message);
        switch (result.outcome()) {
            case OK -> {
                instance.in();
                return reply(result, endpoint.settings().contentType());
            }
            case TRANSIENT -> throw new ProgramFailed(result.reason());
            default -> throw new RejectedMessageException(result.reason());
        }
    }

    /** The reply: stdout with the configured media type, else text when it is UTF-8, else bytes. */
    static Message reply(RunResult result, String contentType) {
        if (!contentType.isEmpty()) {
            return Message.builder().body(result.output(), contentType).build();
        }
        return result.text().isPresent() ? Message.builder().body(result.output(), "text/plain; charset=utf-8").build()
                : Message.builder().body(result.output(), "application/octet-stream").build();
    }

    /** The service properties of the handler of these settings. */
    static Dictionary<String, Object> properties(ExecSettings settings) {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(TYPE, settings.type());
        if (!settings.operations().isEmpty()) {
            p.put(OPERATIONS, settings.operations().toArray(String[]::new));
        }
        p.put(CONCURRENCY, settings.concurrency());
        p.put(TIMEOUT, settings.handlerTimeout().toMillis());
        p.put("switchboard.bridge.instance", "exec~" + settings.instance());
        return p;
    }

    /** A failure worth another attempt: the dispatcher retries it with backoff. */
    static final class ProgramFailed extends Exception {
        private static final long serialVersionUID = 1L;

        ProgramFailed(String reason) {
            super(reason, null, false, false);
        }
    }
}
