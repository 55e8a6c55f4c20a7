package io.switchboard.routing.internal;

import io.switchboard.kernel.api.ConsolePage;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * The Routes page of the web console (each route's state, step counters and source): its ES module is {@code console-page/page.js} in this bundle, served in
 * the console's context, so the page is there exactly while this bundle runs.
 */
@Component(service = RoutesPage.class)
@ConsolePage(name = "routes", label = "Routes", order = 80)
@HttpWhiteboardContextSelect(ConsolePage.CONTEXT_SELECT)
@HttpWhiteboardResource(pattern = "/pages/routes/*", prefix = "/console-page")
public final class RoutesPage {
}
