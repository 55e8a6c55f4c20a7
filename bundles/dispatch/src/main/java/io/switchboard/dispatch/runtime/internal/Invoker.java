package io.switchboard.dispatch.runtime.internal;

import io.switchboard.dispatch.Message;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a handler on a worker thread and waits for it, at most its timeout: a handler that never returns costs a
 * worker thread, never a consumer. Applies the handler's own concurrency limit.
 */
final class Invoker {

    private final ExecutorService workers;

    Invoker() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "switchboard-handler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        workers = Executors.newCachedThreadPool(factory);
    }

    /**
     * @return what the handler returned, a completed stage unwrapped
     * @throws TimeoutException when it took longer than {@code timeoutMillis}
     * @throws Exception whatever the handler threw
     */
    Object invoke(HandlerEntry entry, Message message, long timeoutMillis) throws Exception {
        if (entry.permits != null) {
            entry.permits.acquire();
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (entry.permits != null && released.compareAndSet(false, true)) {
                entry.permits.release();
            }
        };
        CompletableFuture<Object> call = CompletableFuture.supplyAsync(() -> {
            try {
                return entry.handler.handle(message);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, workers).thenCompose(v -> v instanceof CompletionStage<?> s ? s.thenApply(x -> (Object) x)
                : CompletableFuture.completedFuture(v));
        call.whenComplete((v, e) -> release.run());
        try {
            return call.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw new ExecutionException(cause);
        } finally {
            // On timeout the handler is abandoned: its permit goes back so it cannot starve its own type.
            release.run();
        }
    }

    void close() {
        workers.shutdown();
    }
}
