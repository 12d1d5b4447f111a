package io.llexthil.cli;

/** The command line's exit codes (docs/cli.md). */
public final class ExitCodes {
    /** Everything agreed. */
    public static final int OK = 0;
    /** Divergences, failures or errors while running. */
    public static final int DIVERGED = 1;
    /** Usage or configuration error: bad option, malformed YAML, unknown board, unreachable link. */
    public static final int CONFIG = 2;

    /** Stopped by SIGINT (Ctrl-C): 128 + 2, as shells report it; SIGTERM gives 143 (128 + 15). */
    public static final int INTERRUPTED = 130;

    private ExitCodes() { }
}
