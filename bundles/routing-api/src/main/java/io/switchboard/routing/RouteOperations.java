package io.switchboard.routing;

import java.util.List;
import java.util.NoSuchElementException;
import org.osgi.annotation.versioning.ProviderType;

/** What an operator does with routes: the console, the REST API and the shell use it. Thread-safe. */
@ProviderType
public interface RouteOperations {

    /** Every deployed route, by id. */
    List<RouteInfo> routes();

    /**
     * Stops consuming from the route's source after the messages in hand are done; messages wait at the source.
     *
     * @throws NoSuchElementException when no route has that id
     */
    void suspend(String id);

    /**
     * Consumes again.
     *
     * @throws NoSuchElementException when no route has that id
     */
    void resume(String id);
}
