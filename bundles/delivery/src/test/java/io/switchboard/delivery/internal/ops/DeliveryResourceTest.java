package io.switchboard.delivery.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.delivery.AuditEntry;
import io.switchboard.delivery.DeliveryOperations;
import io.switchboard.delivery.EndpointSummary;
import io.switchboard.delivery.MessageDetail;
import io.switchboard.delivery.MessageFilter;
import io.switchboard.delivery.Page;
import io.switchboard.delivery.StoredMessage;
import io.switchboard.kernel.api.Account;
import io.switchboard.kernel.api.ApiResource;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The REST mapping: parameters checked and named, roles enforced, exceptions mapped to statuses. */
class DeliveryResourceTest {

    private final List<String> calls = new ArrayList<>();

    /** Records what it is asked; knows no message. */
    private final DeliveryOperations operations = new DeliveryOperations() {
        @Override
        public List<EndpointSummary> endpoints() {
            return List.of(new EndpointSummary("erp", true, "CLOSED", 1, 0, 2));
        }

        @Override
        public Page<StoredMessage> list(MessageFilter filter, String cursor, int limit) {
            calls.add("list " + filter + " " + cursor + " " + limit);
            return new Page<>(List.of(), null);
        }

        @Override
        public MessageDetail detail(String id) {
            throw new NoSuchElementException("no stored message " + id);
        }

        @Override
        public void retryNow(String id, String actor) {
            calls.add("retry " + id + " " + actor);
        }

        @Override
        public int replayDead(MessageFilter filter, String actor) {
            return 0;
        }

        @Override
        public void editAndRetry(String id, Map<String, String> headers, byte[] body, String contentType,
                String actor) {
            calls.add("edit " + id + " " + headers + " " + new String(body, StandardCharsets.UTF_8) + " " + actor);
        }

        @Override
        public int purge(MessageFilter filter, String actor) {
            calls.add("purge " + filter + " " + actor);
            return 3;
        }

        @Override
        public Page<AuditEntry> audit(String cursor, int limit) {
            return new Page<>(List.of(), null);
        }
    };

    private final DeliveryResource resource = new DeliveryResource(operations);

    private record Reply(int status, String body) {
    }

    private Reply call(String method, String path, Map<String, String> params, String role, String body)
            throws Exception {
        Account account = new Account("alice", role == null ? Set.of() : Set.of(role));
        byte[] in = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getServletPath" -> "/v1/delivery";
                    case "getPathInfo" -> path;
                    case "getQueryString" -> query(params);
                    case "getContentLengthLong" -> (long) in.length;
                    case "getAttribute" -> ApiResource.ACCOUNT_ATTRIBUTE.equals(args[0]) ? account : null;
                    case "getRemoteUser" -> "alice";
                    case "getInputStream" -> new StubInput(in);
                    default -> null;
                });
        int[] status = {0};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, args) -> {
                    if (m.getName().equals("setStatus")) {
                        status[0] = (Integer) args[0];
                    }
                    return switch (m.getName()) {
                        case "getOutputStream" -> new StubOutput(out);
                        case "isCommitted" -> false;
                        default -> null;
                    };
                });
        resource.service((ServletRequest) request, response);
        return new Reply(status[0], out.toString(StandardCharsets.UTF_8));
    }

    private static String query(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    @Test
    void listingPassesTheFilterAndRefusesBadParametersByName() throws Exception {
        assertEquals(200, call("GET", "/messages", Map.of("endpoint", "erp", "state", "dead"), null, null).status());
        assertEquals(List.of("list endpoint=erp state=DEAD null 50"), calls);
        Reply limit = call("GET", "/messages", Map.of("limit", "501"), null, null);
        assertEquals(400, limit.status());
        assertTrue(limit.body().contains("'limit'"), limit.body());
        Reply state = call("GET", "/messages", Map.of("state", "LOST"), null, null);
        assertTrue(state.status() == 400 && state.body().contains("'state'"), state.body());
        assertEquals(404, call("GET", "/messages/42", Map.of(), null, null).status());
        assertTrue(call("GET", "/endpoints", Map.of(), null, null).body().contains("\"circuit\":\"CLOSED\""));
    }

    @Test
    void changesNeedTheAdminRoleAndNameTheUser() throws Exception {
        Reply refused = call("POST", "/messages/42/retry", Map.of(), "viewer", null);
        assertEquals(403, refused.status());
        assertTrue(refused.body().contains("admin"), refused.body());
        assertEquals(200, call("POST", "/messages/42/retry", Map.of(), "admin", null).status());
        assertEquals(200, call("PUT", "/messages/42", Map.of(), "admin",
                "{\"headers\":{\"a\":\"b\"},\"body\":\"{}\"}").status());
        assertEquals(List.of("retry 42 alice", "edit 42 {a=b} {} alice"), calls);
    }

    @Test
    void purgeRefusesAnEmptyFilterUnlessAllIsAsked() throws Exception {
        assertEquals(400, call("DELETE", "/messages", Map.of(), "admin", null).status());
        Reply all = call("DELETE", "/messages", Map.of("all", "true"), "admin", null);
        assertEquals("{\"affected\":3}", all.body());
        assertEquals(List.of("purge all alice"), calls);
    }

    private static final class StubInput extends jakarta.servlet.ServletInputStream {
        private final java.io.ByteArrayInputStream in;

        StubInput(byte[] bytes) {
            in = new java.io.ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(jakarta.servlet.ReadListener listener) {
        }
    }

    private static final class StubOutput extends ServletOutputStream {
        private final ByteArrayOutputStream out;

        StubOutput(ByteArrayOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            out.write(b);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
        }
    }
}
