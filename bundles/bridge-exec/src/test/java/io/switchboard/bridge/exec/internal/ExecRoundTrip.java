package io.switchboard.bridge.exec.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A measurement, not a test (run by hand, see /work/notes/exec.md): the exec bridge's round trip per call of a
 * trivial program ({@code /bin/cat}, a small body in, the same out: three pipe threads, the tree looked at, exit code
 * mapped) against the cost of starting the process alone ({@code ProcessBuilder.start()} + close stdin +
 * {@code waitFor()}). Arguments: calls per run (default 500), runs (default 5). Prints per-call microseconds.
 */
public final class ExecRoundTrip {

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ExecSettings settings = TestConfigurations.settings(Path.of("/tmp"), "/bin/cat");
        Run run = new Run(settings, Programs.THREADS);
        byte[] body = "{\"sku\":\"BOLT-M8\",\"quantity\":250}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin");
        List<String> argv = List.of("/bin/cat");
        // warm up both paths
        measure(100, () -> run.run(argv, env, body));
        measure(100, () -> startAlone());
        double[] bridge = new double[runs];
        double[] alone = new double[runs];
        for (int i = 0; i < runs; i++) {
            bridge[i] = measure(calls, () -> {
                if (!run.run(argv, env, body).ok()) {
                    throw new IllegalStateException("cat failed");
                }
            });
            alone[i] = measure(calls, ExecRoundTrip::startAlone);
        }
        report("exec round trip (/bin/cat, 33 bytes)", bridge);
        report("process start + waitFor alone", alone);
    }

    private static void startAlone() throws Exception {
        Process p = new ProcessBuilder("/bin/cat").start();
        p.getOutputStream().close();
        p.waitFor();
        p.getInputStream().close();
        p.getErrorStream().close();
    }

    interface Call {
        void call() throws Exception;
    }

    /** Microseconds per call. */
    private static double measure(int calls, Call call) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            call.call();
        }
        return (System.nanoTime() - start) / 1000.0 / calls;
    }

    private static void report(String what, double[] perCall) {
        double[] s = perCall.clone();
        Arrays.sort(s);
        System.out.printf("%-40s median %8.0f µs  min %8.0f µs  max %8.0f µs  (%d runs)%n", what, s[s.length / 2],
                s[0], s[s.length - 1], s.length);
    }
}
