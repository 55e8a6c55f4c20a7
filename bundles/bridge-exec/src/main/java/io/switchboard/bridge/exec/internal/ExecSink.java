package io.switchboard.bridge.exec.internal;

import io.switchboard.delivery.DeliveryResult;
import io.switchboard.delivery.Sink;
import io.switchboard.dispatch.Message;
import java.util.Dictionary;
import java.util.Hashtable;

/**
 * The program as the delivery endpoint named by the instance: each stored message is one run, its stdout ignored;
 * the exit code's meaning is the delivery result, so the endpoint's retry policy, breaker and dead letters apply.
 */
final class ExecSink implements Sink {

    private final ExecEndpoint endpoint;

    ExecSink(ExecEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public DeliveryResult deliver(Message message) throws InterruptedException {
        RunResult result = endpoint.call(message);
        return switch (result.outcome()) {
            case OK -> DeliveryResult.delivered();
            case TRANSIENT -> DeliveryResult.transientFailure(result.reason());
            case PERMANENT -> DeliveryResult.permanentFailure(result.reason());
        };
    }

    static Dictionary<String, Object> properties(ExecSettings settings) {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(ENDPOINT, settings.instance());
        p.put("switchboard.bridge.instance", "exec~" + settings.instance());
        return p;
    }
}
