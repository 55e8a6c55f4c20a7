package io.switchboard.examples.shape;

import io.switchboard.dispatch.Handles;
import io.switchboard.dispatch.Message;
import io.switchboard.dispatch.MessageHandler;
import io.switchboard.dispatch.RejectedMessageException;
import org.osgi.service.component.annotations.Component;

/**
 * The catch-all for {@code shape}: any shape nothing more specific understands is refused with "unknown shape"
 * (an error reply, no retry). Deploy it to answer instead of parking.
 */
@Component
@Handles(type = "shape")
public final class UnknownShape implements MessageHandler {

    @Override
    public Object handle(Message message) throws RejectedMessageException {
        throw new RejectedMessageException("unknown shape: " + message.type());
    }
}
