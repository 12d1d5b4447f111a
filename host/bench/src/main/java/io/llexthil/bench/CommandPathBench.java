package io.llexthil.bench;

import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.board.Boards;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.CommandResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code hil state} round trip four ways, each on its own simulated board over TCP, in
 * alternating batches (so load from other jobs hits all of them alike): a raw blocking socket
 * (the floor), the shell session's {@code exec}, the board client's typed {@code state()} (request
 * id, CRC, JSON) and pexpect.fdpexpect (what users write today).
 */
final class CommandPathBench {
    private static final String COMMAND = "hil state";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    final Samples raw = new Samples();
    final Samples shell = new Samples();
    final Samples client = new Samples();
    final Samples pexpect = new Samples();
    String pexpectMissing;

    /**
     * @param javaWarmUp round trips of each Java contender before anything is recorded: the JIT
     *                   compiles a path after some thousands of calls, and a campaign's long runs
     *                   are in that steady state (with 400, the board client still ran partly
     *                   interpreted and read 3.0x raw instead of about 2x)
     */
    void run(Path simBinary, Path work, int rounds, int perBatch, int javaWarmUp, PrintStream log) throws IOException {
        pexpectMissing = PexpectBaseline.unavailable();
        BoardProfile profile = Boards.profile("sim", null, null);
        try (SimServer rawSim = SimServer.start(simBinary, work);
             RawSocketShell rawShell = new RawSocketShell(rawSim.port());
             SimServer pySim = pexpectMissing == null ? SimServer.start(simBinary, work) : null;
             PexpectBaseline py = pySim == null ? null : PexpectBaseline.start(pySim.port(), work);
             BoardClient board = Boards.open(profile, work.resolve("command-path"), AccessMode.READ_ONLY)) {
            byte[] rawLine = (COMMAND + profile.lineEnding()).getBytes(StandardCharsets.US_ASCII);
            // warm-up: JIT, caches, the sims' first allocations; not recorded
            for (int i = 0; i < javaWarmUp; i++) {
                rawShell.roundTrip(rawLine);
                board.session().exec(COMMAND, TIMEOUT);
                board.state();
            }
            batch(-1, perBatch * 2, rawShell, rawLine, board, py);
            for (int round = 0; round < rounds; round++) {
                batch(round, perBatch, rawShell, rawLine, board, py);
                log.print(".");
            }
            log.println();
        }
    }

    /** One batch of each contender, starting with a different one each round. */
    private void batch(int round, int n, RawSocketShell rawShell, byte[] rawLine, BoardClient board, PexpectBaseline py)
            throws IOException {
        boolean record = round >= 0;
        int contenders = py == null ? 3 : 4;
        for (int k = 0; k < contenders; k++) {
            switch ((Math.max(round, 0) + k) % contenders) {
                case 0 -> {
                    List<Long> t = new ArrayList<>();
                    for (int i = 0; i < n; i++) t.add(rawShell.roundTrip(rawLine));
                    if (record) raw.addAll(t);
                }
                case 1 -> {
                    List<Long> t = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        long t0 = System.nanoTime();
                        CommandResult r = board.session().exec(COMMAND, TIMEOUT);
                        t.add(System.nanoTime() - t0);
                        if (r.output().isEmpty()) throw new IOException("exec '" + COMMAND + "' printed nothing");
                    }
                    if (record) shell.addAll(t);
                }
                case 2 -> {
                    List<Long> t = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        long t0 = System.nanoTime();
                        board.state();
                        t.add(System.nanoTime() - t0);
                    }
                    if (record) client.addAll(t);
                }
                default -> {
                    List<Long> t = py.batch(n, COMMAND);
                    if (record) pexpect.addAll(t);
                }
            }
        }
    }
}
