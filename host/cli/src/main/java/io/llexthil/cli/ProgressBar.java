package io.llexthil.cli;

import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;
import io.llexthil.campaign.run.RunListener;

import java.io.PrintStream;

/**
 * Progress of a run on stderr: on an interactive terminal one redrawn line,
 * {@code [#####.....] 12/40 single-extension (1 not passed)}; in CI one line per finished case,
 * {@code run 12/40: single-extension PASS}. When the number of cases is not known in advance (a
 * sweep ends when its fault is no longer reached) it says honestly how many are done:
 * {@code sweep-alloc 12 done: alloc k=12 PASS}.
 */
final class ProgressBar implements RunListener {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final boolean interactive;
    private final String what;
    private int done;
    private int total = UNKNOWN_TOTAL;
    private int failed;
    private boolean drawn;

    ProgressBar(PrintStream err, String what, boolean interactive) {
        this.err = err;
        this.what = what;
        this.interactive = interactive;
    }

    static ProgressBar forTerminal(PrintStream err, String what) {
        return new ProgressBar(err, what, System.console() != null && !Cli.quiet());
    }

    @Override
    public synchronized void caseStarted(String name, int index, int total) {
        this.total = total;
        draw(name);
    }

    @Override
    public synchronized void caseDone(CaseResult r) {
        done++;
        if (r.status() != CaseStatus.PASS) {
            failed++;
        }
        if (interactive) {
            draw(r.name());
        } else if (!Cli.quiet()) {
            err.println(what + " " + count() + ": " + r.name() + " " + r.status());
        }
    }

    /** {@code 12/40}, or {@code 12 done} when the total is not known. */
    private String count() {
        return total > 0 ? done + "/" + total : done + " done";
    }

    private void draw(String current) {
        if (!interactive) {
            return;
        }
        String bar = total > 0 ? "[" + "#".repeat(Math.min(WIDTH, done * WIDTH / total))
                + ".".repeat(WIDTH - Math.min(WIDTH, done * WIDTH / total)) + "] " : "";
        String line = bar + count() + " " + current + (failed > 0 ? " (" + failed + " not passed)" : "");
        err.print("\r" + line + " ".repeat(Math.max(0, 20 - current.length())));
        err.flush();
        drawn = true;
    }

    /** Ends the redrawn line, so that what follows starts on a line of its own. */
    synchronized void finish() {
        if (interactive && drawn) {
            err.println();
            drawn = false;
        }
    }
}
