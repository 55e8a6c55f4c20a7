package io.switchboard.dispatch.runtime.internal;

import io.switchboard.kernel.api.ConsolePage;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * The Dispatch page of the web console (handlers by type and the messages parked for want of one): its ES module is {@code console-page/page.js} in this bundle, served in
 * the console's context, so the page is there exactly while this bundle runs.
 */
@Component(service = DispatchPage.class)
@ConsolePage(name = "dispatch", label = "Dispatch", order = 60)
@HttpWhiteboardContextSelect(ConsolePage.CONTEXT_SELECT)
@HttpWhiteboardResource(pattern = "/pages/dispatch/*", prefix = "/console-page")
public final class DispatchPage {
}
