package io.switchboard.examples.shape.triangle;

import io.switchboard.dispatch.Handles;
import io.switchboard.dispatch.Message;
import io.switchboard.dispatch.MessageHandler;
import io.switchboard.dispatch.RejectedMessageException;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** {@code shape.triangle} with body {@code {"a": x, "b": y, "c": z}} (side lengths): {@code area} and {@code perimeter}. */
@Component
@Handles(type = "shape.triangle", operations = {"area", "perimeter"})
public final class Triangle implements MessageHandler {

    /** The body: three side lengths. */
    public record Sides(double a, double b, double c) {
    }

    @Override
    public Object handle(Message message) throws RejectedMessageException {
        Sides t = message.body(Sides.class);
        if (t.a() <= 0 || t.b() <= 0 || t.c() <= 0 || t.a() + t.b() <= t.c() || t.a() + t.c() <= t.b()
                || t.b() + t.c() <= t.a()) {
            throw new RejectedMessageException("sides " + t.a() + ", " + t.b() + ", " + t.c() + " do not make a triangle");
        }
        double p = t.a() + t.b() + t.c();
        if ("perimeter".equals(message.operation())) {
            return Map.of("perimeter", p);
        }
        double s = p / 2; // Heron's formula
        return Map.of("area", Math.sqrt(s * (s - t.a()) * (s - t.b()) * (s - t.c())));
    }
}
