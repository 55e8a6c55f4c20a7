package io.switchboard.dispatch;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Declares what a {@link MessageHandler} component handles, as service properties:
 * <pre>
 * &#64;Component
 * &#64;Handles(type = "shape.circle", operations = {"area", "perimeter"})
 * public class Circle implements MessageHandler { ... }
 * </pre>
 * A bundle using it requires the dispatcher at resolve time ({@link RequireDispatcher}): installed where no
 * dispatcher is, it does not resolve, and says so, instead of registering handlers nobody calls.
 */
@ComponentPropertyType
@RequireDispatcher
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Handles {

    /** Property names are {@code switchboard.handler.<element>}. */
    String PREFIX_ = "switchboard.handler.";

    /** The message types (dot-separated, e.g. {@code shape.circle}); a type also covers its subtypes. */
    String[] type();

    /** The operations handled; empty means every operation, and messages without one. */
    String[] operations() default {};

    /** At most this many messages at once for this handler; 0 means only the dispatcher's consumers limit it. */
    int concurrency() default 0;

    /** Milliseconds one message may take before it fails with {@code timeout}; 0 means the dispatcher's default. */
    long timeout() default 0;

    /**
     * Whether the handler sees each message once only: see {@link MessageHandler#IDEMPOTENT} for what the
     * dispatcher then does, and {@link MessageHandler#CONSUMER} for the name its messages are remembered under.
     */
    boolean idempotent() default false;
}
