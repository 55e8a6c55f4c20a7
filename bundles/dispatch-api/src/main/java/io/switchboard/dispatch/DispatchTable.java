package io.switchboard.dispatch;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** What the dispatcher knows, for the console, the REST API and the shell. */
@ProviderType
public interface DispatchTable {

    /** Every registered handler, ordered by type. */
    List<HandlerInfo> handlers();

    /** The handler a message of this type and operation (may be null) would go to now, if any. */
    Optional<HandlerInfo> resolve(String type, String operation);

    /** Parked messages per type: the ones waiting for a handler. */
    Map<String, Long> parked();

    /**
     * Sends the parked messages of this type (and its subtypes, {@code type.*}) to dispatch again now, as an operator
     * asks after fixing what kept them parked; a message that still has no handler is parked again.
     *
     * @return how many were sent
     * @since 1.2
     */
    int redispatch(String type);
}
