package io.switchboard.examples.hello;

import io.switchboard.kernel.api.ConsolePage;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * A page of this bundle in the web console, listed as "Hello" in the console's navigation while the bundle runs. The
 * page is the ES module {@code console-page/page.js} of this bundle, which the console imports and renders with its
 * own toolkit; the whiteboard serves it in the console's context, behind the console's login.
 */
@Component(service = HelloPage.class)
@ConsolePage(name = "hello", label = "Hello", title = "Hello from a bundle", group = "Examples")
@HttpWhiteboardContextSelect(ConsolePage.CONTEXT_SELECT)
@HttpWhiteboardResource(pattern = "/pages/hello/*", prefix = "/console-page")
public final class HelloPage {
}
