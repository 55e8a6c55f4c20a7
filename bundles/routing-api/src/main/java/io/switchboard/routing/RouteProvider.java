package io.switchboard.routing;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A whiteboard service through which a bundle contributes routes built in Java ({@link RouteSpec}): they run while
 * the service is registered, checked and reported exactly as route files are (an invalid one is logged with the
 * bundle's name and does not start; the others do).
 */
@ConsumerType
public interface RouteProvider {

    /** The routes; called when the service is registered. */
    List<RouteSpec> routes();
}
