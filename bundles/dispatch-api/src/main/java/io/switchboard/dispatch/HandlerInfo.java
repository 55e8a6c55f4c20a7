package io.switchboard.dispatch;

import java.util.List;

/**
 * One row of the handler table.
 *
 * @param name the handler's component name (or class name)
 * @param types the types it declares
 * @param operations the operations it declares; empty means all
 * @param bundle the symbolic name of the bundle that registered it
 * @param bundleId that bundle's id
 * @param serviceId its service id
 * @param ranking its {@code service.ranking}
 * @param concurrency its own limit on messages at once, 0 for none
 * @param handled messages it handled successfully since it was registered
 * @param errors messages it failed
 */
public record HandlerInfo(String name, List<String> types, List<String> operations, String bundle, long bundleId,
        long serviceId, int ranking, int concurrency, long handled, long errors) {
}
