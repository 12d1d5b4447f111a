package io.llexthil.cli;

/** The command line's exit codes (docs/cli.md). */
public final class ExitCodes {
    /** Everything agreed. */
    public static final int OK = 0;
    /** Divergences, failures or errors while running. */
    public static final int DIVERGED = 1;
    /** Usage or configuration error: bad option, malformed YAML, unknown board, unreachable link. */
    public static final int CONFIG = 2;

    private ExitCodes() { }
}
