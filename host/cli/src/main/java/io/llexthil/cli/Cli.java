package io.llexthil.cli;

import java.io.PrintStream;

/** Streams and the board layer, injectable so tests can run commands in-process. */
public final class Cli {
    private static BoardBridge bridge;
    private static PrintStream out = System.out;
    private static PrintStream err = System.err;

    private Cli() { }

    public static synchronized BoardBridge bridge() {
        if (bridge == null) {
            bridge = new DefaultBoardBridge();
        }
        return bridge;
    }

    public static synchronized void use(BoardBridge b, PrintStream o, PrintStream e) {
        bridge = b;
        out = o;
        err = e;
    }

    private static volatile boolean quiet;

    /** {@code -q}: no progress lines (the summary and errors stay). */
    static void quiet(boolean q) { quiet = q; }

    static boolean quiet() { return quiet; }

    public static PrintStream out() { return out; }

    public static PrintStream err() { return err; }
}
