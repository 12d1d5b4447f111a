package io.llexthil.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reports a run that is stopped by SIGINT (Ctrl-C) or SIGTERM: a shutdown hook that writes what
 * finished, unless the run got to its own reports first, in which case the hook waits for them
 * to be complete. The JVM then exits with 128 + the signal (130, 143). SIGKILL runs no hook;
 * the child board processes are killed by the kernel then (ParentDeath in the link layer).
 */
final class InterruptGuard implements AutoCloseable {
    private static final int RUNNING = 0;
    private static final int REPORTING = 1;
    private static final int INTERRUPTED = 2;
    /** How long the hook lets a run finish writing its own reports before the JVM stops. */
    private static final long REPORT_WAIT_SECONDS = 20;

    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final CountDownLatch reportsWritten = new CountDownLatch(1);
    private final Thread hook;

    private InterruptGuard(Runnable onInterrupt) {
        this.hook = new Thread(() -> {
            if (state.compareAndSet(RUNNING, INTERRUPTED)) {
                onInterrupt.run();
            } else {
                awaitReports();
            }
        }, "llext-hil-interrupt-report");
    }

    /** Installs the hook; {@code onInterrupt} writes the reports of what finished. */
    static InterruptGuard install(Runnable onInterrupt) {
        InterruptGuard g = new InterruptGuard(onInterrupt);
        Runtime.getRuntime().addShutdownHook(g.hook);
        return g;
    }

    /** The run ended by itself: it writes its reports now. False when an interruption already does. */
    boolean claimReports() {
        return state.compareAndSet(RUNNING, REPORTING);
    }

    /** The run's own reports are complete. */
    void reportsWritten() {
        reportsWritten.countDown();
    }

    private void awaitReports() {
        try {
            reportsWritten.await(REPORT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        reportsWritten.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already stopping: the hook runs (or ran) and ends at once
        }
    }
}
