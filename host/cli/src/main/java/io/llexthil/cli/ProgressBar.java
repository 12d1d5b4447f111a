package io.llexthil.cli;

import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;
import io.llexthil.campaign.run.RunListener;

import java.io.PrintStream;

/**
 * A one-line progress bar on stderr for runs and sweeps: {@code [#####.....] 12/40 alloc k=12 (1 failed)}.
 * Drawn only on an interactive terminal; in CI (no console) it prints one line per finished case.
 */
final class ProgressBar implements RunListener {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final boolean interactive;
    private final String what;
    private int done;
    private int total;
    private int failed;

    ProgressBar(PrintStream err, String what, boolean interactive) {
        this.err = err;
        this.what = what;
        this.interactive = interactive;
    }

    static ProgressBar forTerminal(PrintStream err, String what) {
        return new ProgressBar(err, what, System.console() != null);
    }

    @Override
    public void caseStarted(String name, int index, int total) {
        this.total = Math.max(this.total, total);
        draw(name);
    }

    @Override
    public void caseDone(CaseResult r) {
        done++;
        if (r.status() != CaseStatus.PASS) {
            failed++;
        }
        if (interactive) {
            draw(r.name());
        } else {
            err.println(what + " " + done + (total > 0 ? "/" + total : "") + ": " + r.name() + " " + r.status());
        }
    }

    private void draw(String current) {
        if (!interactive) {
            return;
        }
        int filled = total == 0 ? 0 : Math.min(WIDTH, done * WIDTH / total);
        String line = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " " + current
                + (failed > 0 ? " (" + failed + " not passed)" : "");
        err.print("\r" + line + " ".repeat(Math.max(0, 20 - current.length())));
        err.flush();
    }

    void finish() {
        if (interactive) {
            err.println();
        }
    }
}
