package io.switchboard.deployer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeployQueueTest {

    @Test
    void aFileWhoseWorkNeverEndsHoldsUpNoOtherFile() throws InterruptedException {
        DeployQueue queue = new DeployQueue();
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch other = new CountDownLatch(1);
        queue.submit("deploy/stuck.jar", () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        queue.submit("deploy/fine.cfg", other::countDown);
        assertTrue(other.await(5, TimeUnit.SECONDS));
        assertTrue(queue.busy("deploy/stuck.jar"));
        queue.close();
    }

    @Test
    void oneFilesWorkRunsInOrderAndRequestsMadeMeanwhileCollapseIntoOneRun() throws InterruptedException {
        DeployQueue queue = new DeployQueue();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(2);
        List<String> runs = new CopyOnWriteArrayList<>();
        queue.submit("f", () -> {
            runs.add("first");
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.countDown();
        });
        for (int i = 0; i < 5; i++) {
            int n = i;
            queue.submit("f", () -> {
                runs.add("again " + n);
                done.countDown();
            });
        }
        release.countDown();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("first", "again 4"), runs);
        queue.close();
    }

    @Test
    void atMostAFewFilesRunSideBySide() throws InterruptedException {
        DeployQueue queue = new DeployQueue();
        CountDownLatch started = new CountDownLatch(DeployQueue.WORKERS);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < DeployQueue.WORKERS; i++) {
            queue.submit("deploy/slow" + i + ".jar", () -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertTrue(started.await(5, TimeUnit.SECONDS));
        java.util.concurrent.atomic.AtomicLong releasedWhenRun = new java.util.concurrent.atomic.AtomicLong(-1);
        CountDownLatch ran = new CountDownLatch(1);
        queue.submit("deploy/next.jar", () -> {
            releasedWhenRun.set(release.getCount());
            ran.countDown();
        });
        release.countDown();
        assertTrue(ran.await(5, TimeUnit.SECONDS));
        assertEquals(0, releasedWhenRun.get(), "the next file waited for a worker");
        queue.close();
    }
}
