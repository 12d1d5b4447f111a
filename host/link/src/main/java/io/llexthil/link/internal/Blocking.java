package io.llexthil.link.internal;

import io.llexthil.link.LinkException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a native call that has no timeout of its own (a tty open) on a helper thread, bounded by one. */
public final class Blocking {
    private Blocking() {}

    public static <T> T call(String link, String step, Duration timeout, Callable<T> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        DaemonThreads.start("llext-hil-" + step + "-" + link, () -> {
            try {
                result.complete(body.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LinkException(link, step, "timed out after " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkException(link, step, "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new LinkException(link, step, String.valueOf(cause.getMessage()), cause);
        }
    }
}
