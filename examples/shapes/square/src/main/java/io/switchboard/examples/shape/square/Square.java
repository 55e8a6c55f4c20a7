package io.switchboard.examples.shape.square;

import io.switchboard.dispatch.Handles;
import io.switchboard.dispatch.Message;
import io.switchboard.dispatch.MessageHandler;
import io.switchboard.dispatch.RejectedMessageException;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** {@code shape.square} with body {@code {"side": s}}: {@code area} and {@code perimeter}. */
@Component
@Handles(type = "shape.square", operations = {"area", "perimeter"})
public final class Square implements MessageHandler {

    /** The body. */
    public record Side(double side) {
    }

    @Override
    public Object handle(Message message) throws RejectedMessageException {
        double s = message.body(Side.class).side();
        if (s < 0) {
            throw new RejectedMessageException("side must not be negative, got " + s);
        }
        return "area".equals(message.operation()) ? Map.of("area", s * s) : Map.of("perimeter", 4 * s);
    }
}
