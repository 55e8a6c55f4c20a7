package io.switchboard.delivery.internal.sinks;

import io.switchboard.delivery.DeliveryResult;
import io.switchboard.delivery.internal.EndpointPolicy;
import io.switchboard.dispatch.Message;
import io.switchboard.kernel.api.Durations;
import io.switchboard.kernel.api.Secrets;
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
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An endpoint that POSTs each message to a URL: the body as is with its content type, the message id as
 * {@code Idempotency-Key} (and {@code X-Switchboard-Message-Id}), type and operation as {@code X-Switchboard-Type} and
 * {@code X-Switchboard-Operation}, the message headers as headers. A 2xx answer is delivered; 408, 425, 429, 5xx, a
 * refused connection or a timeout are transient; any other status is permanent (the request itself is wrong).
 * <p>
 * The configured headers win over the message's, and a message never sets the headers in {@link MessageHeaders#RESERVED}
 * (credentials, cookies, hop-by-hop headers, the ones this sets itself). A message header whose value HTTP cannot carry
 * (a line break, a control character) is that message's permanent failure: the endpoint is not at fault, so its
 * circuit breaker does not count it.
 */
@Component(service = {}, configurationPid = HttpSink.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = HttpSinkConfiguration.class, factory = true)
public final class HttpSink extends ConfiguredSink {

    static final String FACTORY_PID = "io.switchboard.delivery.http";
    private static final Logger LOG = LoggerFactory.getLogger(HttpSink.class);

    /** What one configuration says, checked. */
    record Target(String endpoint, URI url, Duration timeout, Map<String, String> headers) {
    }

    private final Target target;
    private final HttpClient client;

    /**
     * A configuration that does not check out fails the activation, so the deployer shows the file FAILED with the
     * reason and puts the previous configuration back; a change re-creates the sink (no {@code @Modified}: a refusal
     * there would be invisible, the component staying active with properties it does not use).
     */
    @Activate
    public HttpSink(BundleContext context, HttpSinkConfiguration configuration, Map<String, Object> properties) {
        super(context);
        try {
            target = parse(configuration, properties);
        } catch (IllegalArgumentException e) {
            LOG.error("Delivery HTTP endpoint refused: {}", e.getMessage());
            throw e;
        }
        client = HttpClient.newBuilder().connectTimeout(target.timeout()).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        registerAs(target.endpoint());
        LOG.info("Delivery endpoint {} posts to {}", target.endpoint(), Secrets.masked(target.url()));
    }

    @Deactivate
    void deactivate() {
        unregister();
    }

    @Override
    public DeliveryResult deliver(Message message) throws InterruptedException {
        Target t = target;
        HttpRequest request;
        try {
            request = request(t, message);
        } catch (IllegalArgumentException e) {
            return DeliveryResult.refused(e.getMessage());
        }
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return DeliveryResult.transientFailure("HTTP timeout after " + t.timeout() + " (" + Secrets.masked(t.url())
                    + ")");
        } catch (IOException e) {
            return DeliveryResult.transientFailure("HTTP " + Secrets.masked(e) + " (" + Secrets.masked(t.url()) + ")");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return DeliveryResult.delivered();
        }
        String reason = "HTTP " + status + " " + abbreviate(response.body());
        boolean transientStatus = status == 408 || status == 425 || status == 429 || status >= 500;
        return transientStatus ? DeliveryResult.transientFailure(reason) : DeliveryResult.permanentFailure(reason);
    }

    /**
     * The request for one message.
     *
     * @throws IllegalArgumentException naming the header of the message that HTTP cannot carry
     */
    static HttpRequest request(Target t, Message message) {
        HttpRequest.Builder request = HttpRequest.newBuilder(t.url()).timeout(t.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.bodyBytes()))
                .header("Content-Type", MessageHeaders.value("content type", message.contentType()))
                .header("Idempotency-Key", MessageHeaders.value("message id", message.id()))
                .header("X-Switchboard-Message-Id", message.id());
        if (message.type() != null) {
            request.header("X-Switchboard-Type", message.type());
        }
        if (message.operation() != null) {
            request.header("X-Switchboard-Operation", MessageHeaders.value("operation", message.operation()));
        }
        MessageHeaders.sendable(message.headers()).forEach(request::header);
        t.headers().forEach(request::setHeader); // replaces a message header of the same name, whatever its case
        return request.build();
    }

    static Target parse(HttpSinkConfiguration c, Map<String, Object> properties) {
        String pid = String.valueOf(properties.getOrDefault("service.pid", FACTORY_PID));
        String endpoint = EndpointPolicy.configuredEndpoint(c.endpoint(), properties, FACTORY_PID);
        URI url;
        try {
            url = new URI(c.url() == null ? "" : c.url().trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(pid + ": url = '" + Secrets.mask(c.url()) + "' is not a URL: "
                    + Secrets.mask(e.getReason()));
        }
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
                || url.getHost() == null) {
            throw new IllegalArgumentException(pid + ": url = '" + Secrets.mask(c.url())
                    + "' must be an http:// or https:// URL");
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
            if (!MessageHeaders.isToken(name) || MessageHeaders.clientSets(name)) {
                throw new IllegalArgumentException(pid + ": headers: '" + Secrets.mask(h) + "' must be 'Name: value' "
                        + "with a header name Java's HTTP client may set");
            }
            String value = h.substring(colon + 1).trim();
            if (!MessageHeaders.isValue(value)) {
                throw new IllegalArgumentException(pid + ": headers: the value of " + name + " has a control character");
            }
            headers.put(name, value);
        }
        return new Target(endpoint, url, timeout, headers);
    }

    private static String abbreviate(String body) {
        String b = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return b.length() <= 200 ? b : b.substring(0, 200) + "...";
    }
}
