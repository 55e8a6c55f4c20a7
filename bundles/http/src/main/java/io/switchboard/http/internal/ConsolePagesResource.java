package io.switchboard.http.internal;

import io.switchboard.kernel.api.ApiResource;
import io.switchboard.kernel.api.ConsolePage;
import io.switchboard.rest.RestResource;
import jakarta.servlet.Servlet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/console/pages}: the pages bundles add to the console ({@link ConsolePage} on a service of any
 * type), in navigation order, each with the ES module the console imports. A page whose name is not a plain path
 * segment is left out, with one log line naming its bundle.
 */
@Component(service = Servlet.class)
@ApiResource(servlet_pattern = "/v1/console/pages")
public final class ConsolePagesResource extends RestResource {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ConsolePagesResource.class);
    private static final String NAME = ConsolePage.PREFIX_ + "name";
    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");

    /** A page is a service of whatever type serves its module, so pages are tracked by property, not by interface. */
    private final transient ServiceTracker<Object, ServiceReference<Object>> pages;

    @Activate
    public ConsolePagesResource(BundleContext context) throws InvalidSyntaxException {
        pages = new ServiceTracker<>(context, context.createFilter("(" + NAME + "=*)"), null) {
            @Override
            public ServiceReference<Object> addingService(ServiceReference<Object> page) {
                if (!SEGMENT.matcher(String.valueOf(page.getProperty(NAME))).matches()) {
                    LOG.warn("Console page '" + page.getProperty(NAME) + "' of bundle "
                            + page.getBundle().getSymbolicName()
                            + " left out: its name must be lower-case letters, digits and '-'");
                    return null;
                }
                LOG.info("Console page " + page.getProperty(NAME) + " added by " + page.getBundle().getSymbolicName());
                return page;
            }

            @Override
            public void removedService(ServiceReference<Object> page, ServiceReference<Object> tracked) {
                LOG.info("Console page " + page.getProperty(NAME) + " removed");
            }
        };
        pages.open(true);
        get("/v1/console/pages", call -> list());
    }

    @Deactivate
    void close() {
        pages.close();
    }

    private Object list() {
        ServiceReference<Object>[] refs = pages.getServiceReferences();
        // two pages of one name share one module address: the one the whiteboard serves (highest ranking) is listed
        Map<Object, Map<String, Object>> byName = new LinkedHashMap<>();
        (refs == null ? List.<ServiceReference<Object>>of() : List.of(refs)).stream()
                .sorted(Comparator.reverseOrder())
                .forEach(ref -> byName.putIfAbsent(ref.getProperty(NAME), entry(ref)));
        return byName.values().stream()
                .sorted(Comparator.comparingInt((Map<String, Object> m) -> (Integer) m.get("order"))
                        .thenComparing(m -> m.get("label").toString()))
                .toList();
    }

    private static Map<String, Object> entry(ServiceReference<?> page) {
        Map<String, Object> m = new LinkedHashMap<>();
        String name = String.valueOf(page.getProperty(NAME));
        String label = String.valueOf(page.getProperty(ConsolePage.PREFIX_ + "label"));
        Object title = page.getProperty(ConsolePage.PREFIX_ + "title");
        Object order = page.getProperty(ConsolePage.PREFIX_ + "order");
        Object group = page.getProperty(ConsolePage.PREFIX_ + "group");
        m.put("name", name);
        m.put("label", label);
        m.put("title", title == null || title.toString().isEmpty() ? label : title.toString());
        m.put("url", "/console/pages/" + name + "/");
        m.put("module", "/console/pages/" + name + "/page.js");
        m.put("order", order instanceof Integer i ? i : 1000);
        m.put("group", group == null || group.toString().isEmpty() ? null : group.toString());
        m.put("bundle", page.getBundle() == null ? null : page.getBundle().getSymbolicName());
        return m;
    }
}
