package io.switchboard.delivery.internal;

import java.util.concurrent.Executor;

/** Where one endpoint's attempts run: at most its concurrency at once. */
interface Workers extends Executor {

    /** Follows a changed concurrency setting. */
    void resize(int concurrency);

    /** Stops; attempts not yet started are dropped (their messages stay claimed until the next start). */
    void shutdownNow();
}
