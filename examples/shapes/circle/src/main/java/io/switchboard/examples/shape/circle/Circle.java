package io.switchboard.examples.shape.circle;

import io.switchboard.dispatch.Handles;
import io.switchboard.dispatch.Message;
import io.switchboard.dispatch.MessageHandler;
import io.switchboard.dispatch.RejectedMessageException;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** {@code shape.circle} with body {@code {"radius": r}}: {@code area} and {@code perimeter}. */
@Component
@Handles(type = "shape.circle", operations = {"area", "perimeter"})
public final class Circle implements MessageHandler {

    /** The body. */
    public record Radius(double radius) {
    }

    @Override
    public Object handle(Message message) throws RejectedMessageException {
        double r = message.body(Radius.class).radius();
        if (r < 0) {
            throw new RejectedMessageException("radius must not be negative, got " + r);
        }
        return "area".equals(message.operation())
                ? Map.of("area", Math.PI * r * r)
                : Map.of("perimeter", 2 * Math.PI * r);
    }
}
