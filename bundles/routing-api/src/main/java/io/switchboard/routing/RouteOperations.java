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
     * Stops the route as its file's removal would, but keeps it deployed: it stays stopped until {@link #resume}, also
     * across new versions of its file (as Karaf keeps an updated bundle stopped). Messages wait at the source.
     *
     * @throws NoSuchElementException when no route has that id
     */
    void stop(String id);

    /**
     * Consumes again (a waiting route goes on waiting for its target schemes).
     *
     * @throws NoSuchElementException when no route has that id
     */
    void resume(String id);
}
