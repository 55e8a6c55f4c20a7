package io.switchboard.kernel;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code java -cp 'system/kernel/*' io.switchboard.kernel.Main}: runs Switchboard in the foreground until
 * SIGTERM or Ctrl-C, then shuts down gracefully and exits 0. Exit 1: failed to start; exit 2: bad settings.
 */
public final class Main {

    private static Logger log;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        // The JVM's own start time: ProcessHandle's start instant is derived from the boot time in whole seconds.
        Instant processStart = Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
        configureLogging();
        log = LoggerFactory.getLogger(Main.class);
        // The shell never has a console here; without this jline warns at every start that it has none.
        System.setProperty("org.jline.terminal.dumb", "true");
        if (args.length == 2 && args[0].equals("hash-password")) {
            System.out.println(io.switchboard.kernel.security.PasswordHash.hash(args[1]));
            return;
        }
        if (args.length > 0 && args[0].equals("request")) {
            System.exit(io.switchboard.kernel.tools.RequestCommand.run(
                    java.util.Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out));
            return;
        }
        Settings settings;
        try {
            settings = Settings.load(System.getenv());
        } catch (Settings.SettingsException e) {
            log.error("Switchboard cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        log.info("Switchboard {} starting: home {}, data {}", Kernel.version(), settings.home(), settings.data());
        Kernel kernel = new Kernel(settings, System.getenv());
        AtomicBoolean exiting = new AtomicBoolean();
        Runnable shutdown = () -> {
            if (exiting.compareAndSet(false, true)) {
                new Thread(() -> {
                    kernel.stop();
                    System.exit(0);
                }, "switchboard-shutdown").start();
            }
        };
        // Handle the signals ourselves: a plain shutdown hook would make the JVM exit 143/130, and a clean
        // stop should say 0 to the service manager.
        Signal.handle(new Signal("TERM"), s -> shutdown.run());
        Signal.handle(new Signal("INT"), s -> shutdown.run());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!exiting.get()) {
                ExitCaller.find(Thread.getAllStackTraces()).ifPresent(caller -> {
                    log.error("System.exit called by {}: Switchboard stops; the deploy/ jar that holds {} is not "
                            + "started at the next boot", caller.description(), caller.className());
                    try {
                        ExitCaller.remember(caller, settings.data());
                    } catch (java.io.IOException e) {
                        log.warn("Cannot record the exit's caller for the next boot: {}", e.getMessage());
                    }
                });
            }
            kernel.stop();
        }, "switchboard-shutdown-hook"));
        try {
            kernel.start(processStart);
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            if (cause instanceof java.io.IOException || cause instanceof IllegalStateException) {
                log.error("Switchboard failed to start: {}", cause.getMessage());   // an operator's problem: one line
            } else {
                log.error("Switchboard failed to start: " + cause, cause);
            }
            kernel.stop();
            System.exit(1);
        }
        kernel.awaitFrameworkStop();
        // The framework stopped from inside (e.g. the shell's "stop 0"): take the broker down too.
        if (exiting.compareAndSet(false, true)) {
            kernel.stop();
            System.exit(0);
        }
        Thread.currentThread().join();
    }

    /**
     * One line per event on standard output, in the same shape as the bundles' log (pax-logging inside the
     * framework). The host side logs through slf4j-simple, not java.util.logging: pax-logging pushes its levels
     * onto every JUL logger, which would silence the kernel and wake Artemis's audit loggers.
     */
    static void configureLogging() {
        set("org.slf4j.simpleLogger.logFile", "System.out");
        set("org.slf4j.simpleLogger.showDateTime", "true");
        set("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
        set("org.slf4j.simpleLogger.showThreadName", "false");
        set("org.slf4j.simpleLogger.showShortLogName", "true");
        set("org.slf4j.simpleLogger.levelInBrackets", "false");
        set("org.slf4j.simpleLogger.defaultLogLevel", "info");
        set("org.slf4j.simpleLogger.log.org.apache.activemq", "warn");
        set("org.slf4j.simpleLogger.log.org.apache.activemq.audit", "off");
        set("org.slf4j.simpleLogger.log.io.netty", "warn");
    }

    private static void set(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
