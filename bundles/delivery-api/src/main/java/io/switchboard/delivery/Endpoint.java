package io.switchboard.delivery;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/** Names the endpoint a {@link Sink} component delivers to: {@code @Endpoint(name = "orders-http")}. */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Endpoint {

    /** Property names are {@code switchboard.endpoint.<element>}. */
    String PREFIX_ = "switchboard.endpoint.";

    /** The endpoint's name: letters, digits, '.', '_' and '-'. */
    String name();
}
