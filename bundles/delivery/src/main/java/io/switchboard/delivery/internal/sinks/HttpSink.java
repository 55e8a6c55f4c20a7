package io.switchboard.delivery.internal.sinks;

import io.switchboard.delivery.DeliveryResult;
import io.switchboard.delivery.internal.EndpointPolicy;
import io.switchboard.dispatch.Message;
import io.switchboard.kernel.api.Durations;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An endpoint that POSTs each message to a URL: the body as is with its content type, the message id as
 * {@code Idempotency-Key} (and {@code X-Switchboard-Message-Id}), type and operation as {@code X-Switchboard-Type} and
 * {@code X-Switchboard-Operation}, the message headers as headers. A 2xx answer is delivered; 408, 425, 429, 5xx, a
 * refused connection or a timeout are transient; any other status is permanent (the request itself is wrong).
 */
@Component(service = {}, configurationPid = HttpSink.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = HttpSinkConfiguration.class, factory = true)
public final class HttpSink extends ConfiguredSink {

    static final String FACTORY_PID = "io.switchboard.delivery.http";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final Logger LOG = LoggerFactory.getLogger(HttpSink.class);

    /** What one configuration says, checked. */
    record Target(String endpoint, URI url, Duration timeout, Map<String, String> headers) {
    }

    private volatile Target target;
    private volatile HttpClient client;

    @Activate
    public HttpSink(BundleContext context, HttpSinkConfiguration configuration, Map<String, Object> properties) {
        super(context);
        try {
            use(parse(configuration, properties));
        } catch (IllegalArgumentException e) {
            LOG.error("Delivery HTTP endpoint refused: {}", e.getMessage());
            throw e;
        }
    }

    @Modified
    void modified(HttpSinkConfiguration configuration, Map<String, Object> properties) {
        Target next;
        try {
            next = parse(configuration, properties);
        } catch (IllegalArgumentException e) {
            LOG.error("Delivery HTTP endpoint change refused, {} keeps posting to {}: {}", target.endpoint(),
                    target.url(), e.getMessage());
            return;
        }
        use(next);
    }

    private synchronized void use(Target next) {
        client = HttpClient.newBuilder().connectTimeout(next.timeout()).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        target = next;
        registerAs(next.endpoint());
        LOG.info("Delivery endpoint {} posts to {}", next.endpoint(), next.url());
    }

    @Deactivate
    void deactivate() {
        unregister();
    }

    @Override
    public DeliveryResult deliver(Message message) throws InterruptedException {
        Target t = target;
        HttpRequest.Builder request = HttpRequest.newBuilder(t.url()).timeout(t.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.bodyBytes()))
                .header("Content-Type", message.contentType())
                .header("Idempotency-Key", message.id())
                .header("X-Switchboard-Message-Id", message.id());
        if (message.type() != null) {
            request.header("X-Switchboard-Type", message.type());
        }
        if (message.operation() != null) {
            request.header("X-Switchboard-Operation", message.operation());
        }
        message.headers().forEach((name, value) -> {
            if (TOKEN.matcher(name).matches() && !restricted(name)) {
                request.header(name, value);
            }
        });
        t.headers().forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return DeliveryResult.transientFailure("HTTP timeout after " + t.timeout() + " (" + t.url() + ")");
        } catch (IOException e) {
            return DeliveryResult.transientFailure("HTTP " + e + " (" + t.url() + ")");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return DeliveryResult.delivered();
        }
        String reason = "HTTP " + status + " " + abbreviate(response.body());
        boolean transientStatus = status == 408 || status == 425 || status == 429 || status >= 500;
        return transientStatus ? DeliveryResult.transientFailure(reason) : DeliveryResult.permanentFailure(reason);
    }

    static Target parse(HttpSinkConfiguration c, Map<String, Object> properties) {
        String pid = String.valueOf(properties.getOrDefault("service.pid", FACTORY_PID));
        String endpoint = EndpointPolicy.configuredEndpoint(c.endpoint(), properties, FACTORY_PID);
        URI url;
        try {
            url = new URI(c.url() == null ? "" : c.url().trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(pid + ": url = '" + c.url() + "' is not a URL: " + e.getReason());
        }
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
                || url.getHost() == null) {
            throw new IllegalArgumentException(pid + ": url = '" + c.url() + "' must be an http:// or https:// URL");
        }
        Duration timeout;
        try {
            timeout = Durations.parse("timeout", c.timeout());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(pid + ": " + e.getMessage());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h : c.headers()) {
            if (h.isBlank()) {
                continue;
            }
            int colon = h.indexOf(':');
            String name = colon < 0 ? "" : h.substring(0, colon).trim();
            if (!TOKEN.matcher(name).matches() || restricted(name)) {
                throw new IllegalArgumentException(pid + ": headers: '" + h + "' must be 'Name: value' with a header "
                        + "name Java's HTTP client may set");
            }
            headers.put(name, h.substring(colon + 1).trim());
        }
        return new Target(endpoint, url, timeout, headers);
    }

    /** Headers the JDK client sets itself and refuses to take. */
    private static boolean restricted(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "connection", "content-length", "expect", "host", "upgrade", "content-type" -> true;
            default -> false;
        };
    }

    private static String abbreviate(String body) {
        String b = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return b.length() <= 200 ? b : b.substring(0, 200) + "...";
    }
}
