package io.switchboard.benchmarks.bundle;

import io.switchboard.dispatch.Message;
import io.switchboard.dispatch.Messenger;
import jakarta.jms.ConnectionFactory;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The in-container half of the dispatch benchmark, under {@code /api/bench} (authenticated):
 * {@code GET /count}, {@code POST /reset}, {@code POST /dispatcher?action=stop|start},
 * {@code POST /raw?queue=&n=&consumers=&batch=} (an in-VM raw JMS consumer draining a queue, the peer of the
 * dispatcher) and {@code POST /rr?n=&warmup=} (in-VM request/reply through the Messenger). Plain text answers.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=switchboard.api)")
@HttpWhiteboardServletPattern("/bench/*")
public final class BenchServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient BundleContext context;
    private final transient ConnectionFactory factory;
    // optional: the benchmark stops the dispatch bundle (which provides it) while it preloads
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile Messenger messenger;

    @Activate
    public BenchServlet(BundleContext context, @Reference(target = "(name=switchboard)") ConnectionFactory factory) {
        this.context = context;
        this.factory = factory;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(response, "count=" + BenchCounter.SINK.count() + " rate=" + BenchCounter.SINK.rate());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            switch (String.valueOf(request.getPathInfo())) {
                case "/reset" -> {
                    BenchCounter.SINK.reset();
                    write(response, "ok");
                }
                case "/dispatcher" -> {
                    Bundle dispatch = Arrays.stream(context.getBundles())
                            .filter(b -> "io.switchboard.dispatch".equals(b.getSymbolicName())).findFirst().orElseThrow();
                    if ("stop".equals(request.getParameter("action"))) {
                        dispatch.stop(Bundle.STOP_TRANSIENT);
                    } else {
                        dispatch.start(Bundle.START_TRANSIENT);
                    }
                    write(response, "ok");
                }
                case "/raw" -> write(response, "rate=" + RawDrain.drain(factory, request.getParameter("queue"), intParam(request, "n"),
                        intParam(request, "consumers"), intParam(request, "batch")));
                case "/rr" -> write(response, requestReply(intParam(request, "n"), intParam(request, "warmup"),
                        request.getParameter("body")));
                default -> response.sendError(404);
            }
        } catch (Exception e) {
            response.setStatus(500);
            write(response, e.toString());
        }
    }

    private String requestReply(int n, int warmup, String body) throws Exception {
        long[] nanos = new long[n];
        for (int i = 0; i < warmup + n; i++) {
            long start = System.nanoTime();
            messenger.request(Message.builder("bench.echo").body(body.getBytes(), Message.JSON).build(),
                    Duration.ofSeconds(10)).toCompletableFuture().get();
            if (i >= warmup) {
                nanos[i - warmup] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        return "p50=" + nanos[n / 2] / 1e6 + " p99=" + nanos[(int) (n * 0.99)] / 1e6 + " mean="
                + Arrays.stream(nanos).average().orElse(0) / 1e6;
    }

    private static int intParam(HttpServletRequest request, String name) {
        return Integer.parseInt(request.getParameter(name));
    }

    private static void write(HttpServletResponse response, String text) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().write(text);
    }
}
