package io.switchboard.http.internal;

import io.switchboard.rest.Json;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's last line: an exception no resource handled becomes a JSON 500 naming it (and one log line with the
 * request), never the container's HTML error page.
 */
@Component(service = Filter.class)
@HttpWhiteboardContextSelect(ApiContext.SELECT)
@HttpWhiteboardFilterPattern("/*")
public final class ApiErrors implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            HttpServletRequest r = (HttpServletRequest) request;
            LOG.error("REST " + WebSecurity.action(r) + " by " + r.getRemoteUser() + " failed", e);
            if (!response.isCommitted()) {
                response.resetBuffer();
                Json.error((HttpServletResponse) response, 500, "internal", WebSecurity.action(r) + " failed: " + e);
            }
        }
    }
}
