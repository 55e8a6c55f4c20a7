package io.switchboard.http.internal;

import io.switchboard.kernel.api.ApiResource;
import io.switchboard.rest.RestResource;
import jakarta.servlet.Servlet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/console/pages}: the pages bundles add to the console ({@link io.switchboard.kernel.api.ConsolePage}
 * on a servlet service), in label order, for the console's navigation. A page whose name is not a plain path segment
 * is left out, with one log line naming its bundle.
 */
@Component(service = Servlet.class)
@ApiResource(servlet_pattern = "/v1/console/pages")
public final class ConsolePagesResource extends RestResource {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ConsolePagesResource.class);
    private static final String NAME = "switchboard.console.page.name";
    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");

    private final transient List<ServiceReference<Servlet>> pages = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + NAME + "=*)")
    void addPage(ServiceReference<Servlet> page) {
        if (!SEGMENT.matcher(String.valueOf(page.getProperty(NAME))).matches()) {
            LOG.warn("Console page '" + page.getProperty(NAME) + "' of bundle " + page.getBundle().getSymbolicName()
                    + " left out: its name must be lower-case letters, digits and '-'");
            return;
        }
        pages.add(page);
        LOG.info("Console page " + page.getProperty(NAME) + " added by " + page.getBundle().getSymbolicName());
    }

    void removePage(ServiceReference<Servlet> page) {
        if (pages.remove(page)) {
            LOG.info("Console page " + page.getProperty(NAME) + " removed");
        }
    }

    public ConsolePagesResource() {
        get("/v1/console/pages", call -> list());
    }

    private Object list() {
        return pages.stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            String name = String.valueOf(p.getProperty(NAME));
            String label = String.valueOf(p.getProperty("switchboard.console.page.label"));
            Object title = p.getProperty("switchboard.console.page.title");
            m.put("name", name);
            m.put("label", label);
            m.put("title", title == null || title.toString().isEmpty() ? label : title.toString());
            m.put("url", "/console/pages/" + name + "/");
            m.put("bundle", p.getBundle() == null ? null : p.getBundle().getSymbolicName());
            return m;
        }).sorted(Comparator.comparing(m -> m.get("label").toString())).toList();
    }
}
