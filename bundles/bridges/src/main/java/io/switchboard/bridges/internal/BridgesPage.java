package io.switchboard.bridges.internal;

import io.switchboard.kernel.api.ConsolePage;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * The console's Bridges page: every bridge instance, its state and reason, its counters and last error, and its
 * settings (secrets masked). Listed while a bridge feature is installed.
 */
@Component(service = BridgesPage.class)
@ConsolePage(name = "bridges", label = "Bridges", title = "Bridges", order = 65)
@HttpWhiteboardContextSelect(ConsolePage.CONTEXT_SELECT)
@HttpWhiteboardResource(pattern = "/pages/bridges/*", prefix = "/console-page")
public final class BridgesPage {
}
