package io.switchboard.delivery.internal.ops;

import io.switchboard.kernel.api.ConsolePage;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * The Delivery page of the web console (endpoints, stored messages, retry, replay and purge): its ES module is {@code console-page/page.js} in this bundle, served in
 * the console's context, so the page is there exactly while this bundle runs.
 */
@Component(service = DeliveryPage.class)
@ConsolePage(name = "delivery", label = "Delivery", order = 70)
@HttpWhiteboardContextSelect(ConsolePage.CONTEXT_SELECT)
@HttpWhiteboardResource(pattern = "/pages/delivery/*", prefix = "/console-page")
public final class DeliveryPage {
}
