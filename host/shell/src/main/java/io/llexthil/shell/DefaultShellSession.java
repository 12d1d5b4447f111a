package io.llexthil.shell;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.llexthil.link.Link;
import io.llexthil.link.LinkException;
import io.llexthil.link.LinkListener;
import io.llexthil.link.Pacing;
import io.llexthil.shell.console.ConsoleDecoder;
import io.llexthil.shell.console.ConsoleLine;
import io.llexthil.shell.console.ConsoleListener;
import io.llexthil.shell.console.TailBytes;
import io.llexthil.shell.transcript.FileTranscript;

/**
 * A {@link ShellSession} over any {@link Link}, configured by a {@link BoardProfile}.
 *
 * <p>Bytes arrive on the link's thread, are recorded in the transcript and decoded into a queue
 * of events (lines and prompt sightings), each with a sequence number. Callers wait on that
 * queue under one lock with a deadline; the session owns no thread, so nothing can be left
 * spinning after a disconnect or {@link #close}. A boot banner starts a new epoch and empties
 * the queue: nothing printed before a reset is ever handed out as part of the new boot.
 */
public final class DefaultShellSession implements ShellSession {
    private static final Logger log = LoggerFactory.getLogger(DefaultShellSession.class);
    private static final int MAX_PENDING = 200_000;
    private static final int TAIL_BYTES = 80;
    /** Longest single read on the caller's thread; any news (bytes, disconnect, close) ends it earlier. */
    private static final long PUMP_SLICE_NANOS = 50_000_000L;

    private final Link link;
    private final BoardProfile profile;
    private final String board;
    private final FileTranscript transcript;
    private final ConsoleDecoder decoder;
    private final Pacing pacing;
    private final TailBytes tail = new TailBytes(TAIL_BYTES);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ReentrantLock execLock = new ReentrantLock();
    private final Clock clock = Clock.systemUTC();

    // all below guarded by lock
    private final ArrayDeque<Event> pending = new ArrayDeque<>();
    private long nextSeq;
    private int epoch;
    private BootEpoch bootEpoch;
    private long epochStartSeq;
    private int readyEpoch = -1;
    private long lastPromptSeq = -1;
    private long lastFatalSeq = -1;
    private final ArrayDeque<Event> recentFatals = new ArrayDeque<>();
    private long lastRxNanos = System.nanoTime();
    private ReadyAnnouncement announced; // this boot's ready line, null until it arrives
    private volatile long received; // chunks delivered so far: what a pumping waiter compares against
    private long longestGapNanos;
    private long rxBytes;
    private long promptCount;
    private String disconnected;
    private volatile boolean closed;

    /** A decoded line, or a prompt sighting when {@code line} is null. */
    private record Event(long seq, ConsoleLine line) {
        boolean isPrompt() { return line == null; }
    }

    private DefaultShellSession(Link link, BoardProfile profile, Path runDir) {
        this.link = link;
        this.profile = profile;
        this.board = profile.name();
        this.transcript = new FileTranscript(runDir, board, 10_000, clock);
        this.decoder = new ConsoleDecoder(profile.consolePatterns(), new Decoded());
        this.bootEpoch = new BootEpoch(0, "", Instant.now(clock));
        this.pacing = profile.pacingFor(link.url());
    }

    /**
     * Opens {@code link} with this session as its listener and returns the session. Transcripts
     * go to {@code runDir} ({@code <board>.raw.log}, {@code <board>.log}), or stay in memory
     * when it is null.
     */
    public static DefaultShellSession open(Link link, BoardProfile profile, Path runDir) {
        DefaultShellSession session = new DefaultShellSession(link, profile, runDir);
        try {
            link.open(session.new Received(), profile.openTimeout());
        } catch (LinkException e) {
            session.transcript.close();
            throw new ShellException(profile.name(), "open " + link.url(), "cannot open the link: " + e.getMessage(), "", e);
        }
        return session;
    }

    public BoardProfile profile() { return profile; }

    public Link link() { return link; }

    @Override public String boardName() { return board; }

    @Override
    public int epoch() {
        lock.lock();
        try { return epoch; } finally { lock.unlock(); }
    }

    /** The current boot epoch with its banner. */
    public BootEpoch bootEpoch() {
        lock.lock();
        try { return bootEpoch; } finally { lock.unlock(); }
    }

    @Override public Transcript transcript() { return transcript; }

    // ---------------------------------------------------------------- waiting for readiness

    @Override
    public BootEpoch awaitReady(Duration timeout) {
        return ready(timeout, -1);
    }

    @Override
    public BootEpoch awaitBoot(int epochBefore, Duration timeout) {
        return ready(timeout, epochBefore);
    }

    /**
     * The ready wait: a banner when one is due (the profile requires it, or a boot newer than
     * {@code epochBefore} is awaited after a reset), then a prompt, then a quiet period.
     */
    private BootEpoch ready(Duration timeout, int epochBefore) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            long startSeq = nextSeq;
            ReadyWatch watch = new ReadyWatch(timeout, epochBefore >= 0);
            if (epochBefore >= 0) {
                waitUntil(deadline, "awaitReady: boot banner", startSeq, () -> epoch > epochBefore,
                        () -> watch.failure("awaitReady: boot banner", "a boot banner of a new boot"));
            } else if (profile.bannerRequired()) {
                waitUntil(deadline, "awaitReady: boot banner", startSeq,
                        () -> epoch > 0 && epoch != readyEpoch,
                        () -> watch.failure("awaitReady: boot banner", "a boot banner (banner.required: true)"));
            }
            boolean bannerSeen = epochBefore >= 0 || profile.bannerRequired();
            while (true) {
                int waitingEpoch = epoch;
                // with a banner, any prompt after it counts; without, only a fresh one answers for the board
                long promptAfter = bannerSeen ? epochStartSeq : startSeq;
                awaitPrompt(deadline, startSeq, promptAfter, watch);
                if (profile.readyLine() == BoardProfile.ReadyLine.REQUIRED) awaitAnnouncement(deadline, startSeq, watch);
                else awaitQuiet(deadline, startSeq, watch);
                if (epoch == waitingEpoch) break; // rebooted again while settling: wait for that boot
            }
            readyEpoch = epoch;
            log.debug("{}: ready in epoch {}", board, epoch);
            return bootEpoch;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void settleAfterCrash(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int crashedEpoch;
        lock.lock();
        try {
            if (lastFatalSeq < 0 || lastFatalSeq < epochStartSeq) return; // no crash in this boot
            crashedEpoch = epoch;
            long quiet = profile.quietPeriod().toNanos();
            while (epoch == crashedEpoch) {
                long now = System.nanoTime();
                long silentFor = now - lastRxNanos;
                if (silentFor >= quiet || now >= deadline || disconnected != null || closed) {
                    return; // halted (or gone): the caller's reset deals with it
                }
                awaitNanos(Math.min(deadline - now, quiet - silentFor));
            }
        } finally {
            lock.unlock();
        }
        try {
            ready(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())), crashedEpoch);
        } catch (ShellException e) {
            log.debug("{}: the boot after the crash did not get ready ({}); the reset follows", board, e.getMessage());
        }
    }

    /** What a ready wait saw, for an error that tells what happened instead (lock held). */
    private final class ReadyWatch {
        private final Duration timeout;
        private final boolean afterReset;
        private final long bytesAtStart = rxBytes;
        private final long promptsAtStart = promptCount;
        private final int epochAtStart = epoch;
        private final boolean crashedBefore = lastFatalSeq >= epochStartSeq && lastFatalSeq >= 0;

        ReadyWatch(Duration timeout, boolean afterReset) {
            this.timeout = timeout;
            this.afterReset = afterReset;
            longestGapNanos = 0;
        }

        ReadyWaitException failure(String step, String awaited) {
            long bytes = rxBytes - bytesAtStart;
            long prompts = promptCount - promptsAtStart;
            int banners = epoch - epochAtStart;
            long gapMs = Math.max(longestGapNanos, System.nanoTime() - lastRxNanos) / 1_000_000;
            String seen = bytes == 0 ? "nothing at all"
                    : bytes + " bytes, prompt seen " + prompts + " time" + (prompts == 1 ? "" : "s")
                    + ", " + (banners == 0 ? "no boot banner" : banners + " boot banner" + (banners == 1 ? "" : "s"));
            String message = "waited " + timeout.toMillis() + " ms for " + awaited + "; saw " + seen
                    + "; longest quiet gap " + gapMs + " ms; likely cause: " + likelyCause(step, bytes, prompts, banners);
            return new ReadyWaitException(board, step, message, tail.escaped(), bytes, prompts, banners, crashedBefore);
        }

        private String likelyCause(String step, long bytes, long prompts, int banners) {
            if (step.endsWith("ready line")) { // the prompt came, so the board talks: only the line is missing
                return "the board printed no valid ready line: is the board running llext-hil firmware? for other"
                        + " firmware set ready_line: auto in its profile";
            }
            if (bytes == 0 && crashedBefore) {
                return "the board halted after a fatal error and stayed silent; a halted board reads no shell"
                        + " command: give it a hard reset (reset: pulse/external, docs/boards.md) or make it reboot on"
                        + " fatal errors (CONFIG_RESET_ON_FATAL_ERROR; the simulated board: --on-fatal reboot)";
            }
            if (bytes == 0) {
                return "the board sends nothing (powered off, wrong port or baud rate, or its console is on another UART)";
            }
            if (step.endsWith("boot banner")) {
                if (prompts > 0 && afterReset) {
                    return "the board kept answering but did not reboot: no reset reached it or the reset had no"
                            + " effect (check reset: in its profile, docs/boards.md)";
                }
                if (prompts > 0) {
                    return "the board was already running when the link opened: reset it by hand now, or set"
                            + " banner.required: false";
                }
                return "no line matched the banner pattern '" + profile.banner() + "' (check banner: in the profile)";
            }
            if (step.endsWith("prompt")) {
                return prompts == 0 ? "no prompt '" + profile.prompt() + "' in the output (wrong prompt: set prompt:"
                        + " in the profile; or a wrong baud rate)"
                        : "the prompts came before the boot being waited for (the board rebooted again)";
            }
            return "the board kept talking: it needs " + profile.quietPeriod().toMillis()
                    + " ms of silence (set timeouts.quiet in the profile, or make it log less)";
        }
    }

    private void awaitPrompt(long deadline, long startSeq, long promptAfter, ReadyWatch watch) {
        long probeEvery = profile.probeInterval().toNanos();
        long nextProbe = System.nanoTime() + probeEvery;
        while (lastPromptSeq < Math.max(promptAfter, epochStartSeq)) {
            failIfGone("awaitReady: prompt");
            failIfCrashed("awaitReady: prompt", crashSince(startSeq));
            long now = System.nanoTime();
            if (now >= deadline) {
                throw watch.failure("awaitReady: prompt", "a prompt '" + profile.prompt() + "'");
            }
            if (now >= nextProbe) {
                // like pytest-twister-harness: a bare newline makes an idle shell print its prompt
                lock.unlock();
                try {
                    sendLine("", deadline, "awaitReady: prompt probe");
                } finally {
                    lock.lock();
                }
                nextProbe = System.nanoTime() + probeEvery;
                continue;
            }
            awaitNanos(Math.min(deadline, nextProbe) - now);
        }
    }

    /**
     * Which crashes count while waiting for readiness: with a banner, any in the boot being waited
     * for (it may have crashed before we looked); without one, only those after the call, since
     * an earlier crash may belong to the boot a reset is replacing.
     */
    private long crashSince(long startSeq) {
        return profile.bannerRequired() ? epochStartSeq : startSeq;
    }

    /** The quiet period, cut short by a ready line: a board that says it is ready needs no sleep. */
    private void awaitQuiet(long deadline, long startSeq, ReadyWatch watch) {
        long quiet = profile.quietPeriod().toNanos();
        while (announced == null) {
            failIfGone("awaitReady: quiet period");
            failIfCrashed("awaitReady: quiet period", crashSince(startSeq));
            long now = System.nanoTime();
            long silentFor = now - lastRxNanos;
            if (silentFor >= quiet) return;
            if (now >= deadline) {
                throw watch.failure("awaitReady: quiet period", profile.quietPeriod().toMillis() + " ms of silence");
            }
            awaitNanos(Math.min(deadline - now, quiet - silentFor));
        }
    }

    private void awaitAnnouncement(long deadline, long startSeq, ReadyWatch watch) {
        waitUntil(deadline, "awaitReady: ready line", crashSince(startSeq), () -> announced != null,
                () -> watch.failure("awaitReady: ready line",
                        "a ready line " + ReadyAnnouncement.TAG + "<boot>|<json>|<crc> after the prompt"));
    }

    @Override
    public ReadyAnnouncement readyAnnouncement() {
        lock.lock();
        try { return announced; } finally { lock.unlock(); }
    }

    // ---------------------------------------------------------------- commands

    @Override
    public CommandResult exec(String command, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String step = "exec '" + command + "'";
        acquireExecLock(deadline, step);
        try {
            CommandResult result = run(command, deadline, step, null);
            if (!profile.retval()) return result;
            CommandResult rv = run("retval", deadline, step + ": retval", null);
            return new CommandResult(result.command(), result.output(), concat(result.logs(), rv.logs()),
                    result.elapsed(), parseRetval(rv, step), result.epoch());
        } finally {
            execLock.unlock();
        }
    }

    @Override
    public CommandResult exec(String command, Predicate<String> lastLine, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String step = "exec '" + command + "'";
        acquireExecLock(deadline, step);
        try {
            return run(command, deadline, step, lastLine);
        } finally {
            execLock.unlock();
        }
    }

    /** Sends {@code command}; over at the prompt after its line end, or at a line {@code lastLine} accepts. */
    private CommandResult run(String command, long deadline, String step, Predicate<String> lastLine) {
        long startSeq;
        long crashSince;
        int startEpoch;
        lock.lock();
        try {
            failIfGone(step);
            startSeq = nextSeq;
            startEpoch = epoch;
            // a board that crashed earlier in this boot is halted: fail now instead of timing out
            crashSince = epochStartSeq;
        } finally {
            lock.unlock();
        }
        long t0 = System.nanoTime();
        sendLine(command, deadline, step);
        CommandCollector collector = new CommandCollector(command);
        lock.lock();
        try {
            while (true) {
                failIfCrashed(step, crashSince);
                failIfRebooted(step, startEpoch);
                List<Event> fresh = takeFrom(startSeq);
                for (int i = 0; i < fresh.size(); i++) {
                    Event e = fresh.get(i);
                    if (!e.isPrompt()) {
                        collector.line(e.line());
                        String text = lastLine == null ? null : outputText(e);
                        if (text != null && lastLine.test(text)) {
                            giveBack(fresh.subList(i + 1, fresh.size()));
                            return new CommandResult(command, collector.output(), collector.logs(),
                                    Duration.ofNanos(System.nanoTime() - t0), OptionalInt.empty(), startEpoch);
                        }
                    } else if (collector.prompt()) {
                        giveBack(fresh.subList(i + 1, fresh.size()));
                        return new CommandResult(command, collector.output(), collector.logs(),
                                Duration.ofNanos(System.nanoTime() - t0), OptionalInt.empty(), startEpoch);
                    }
                }
                failIfGone(step);
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw timeout(step, "no prompt after " + Duration.ofNanos(System.nanoTime() - t0).toMillis()
                            + " ms (" + collector.lineCount() + " lines received)");
                }
                awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private OptionalInt parseRetval(CommandResult rv, String step) {
        for (String line : rv.output()) {
            String s = line.strip();
            if (s.matches("-?\\d+")) return OptionalInt.of(Integer.parseInt(s));
        }
        throw new ShellException(board, step, "retval printed no number: " + rv.output(), tail.escaped(), null);
    }

    // ---------------------------------------------------------------- lines and raw bytes

    @Override
    public String awaitLine(Predicate<String> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String step = "awaitLine";
        lock.lock();
        try {
            long crashSince = epochStartSeq; // as in exec: a crash earlier in this boot counts
            int startEpoch = epoch;
            while (true) {
                failIfCrashed(step, crashSince);
                failIfRebooted(step, startEpoch);
                while (!pending.isEmpty()) {
                    Event e = pending.pollFirst();
                    String text = outputText(e);
                    if (text != null && match.test(text)) return text;
                }
                failIfGone(step);
                long left = deadline - System.nanoTime();
                if (left <= 0) throw timeout(step, "no matching line within " + timeout.toMillis() + " ms");
                awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The output text an event carries for awaitLine, or null for prompts, logs and banners. */
    private static String outputText(Event e) {
        if (e.isPrompt()) return null;
        ConsoleLine line = e.line();
        return switch (line.kind()) {
            case OUTPUT -> line.text();
            case PROMPT_LINE -> line.afterPrompt().isBlank() ? null : line.afterPrompt();
            default -> null;
        };
    }

    @Override
    public void writeRaw(byte[] bytes, Duration timeout) {
        String step = "writeRaw (" + bytes.length + " bytes)";
        lock.lock();
        try {
            failIfGone(step);
        } finally {
            lock.unlock();
        }
        transcript.rawOut(bytes);
        try {
            link.write(bytes, timeout);
        } catch (LinkException e) {
            throw writeFailed(step, e);
        }
    }

    @Override
    public void clearPending() {
        lock.lock();
        try {
            pending.clear();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            link.close();
        } finally {
            transcript.close();
        }
    }

    // ---------------------------------------------------------------- sending

    /** The pacing commands are typed with: the profile's, else the link's, else the generic serial one. */
    public Pacing pacing() { return pacing; }

    /** Types {@code text} plus the line ending in chunks, pausing between them ({@link #pacing()}). */
    private void sendLine(String text, long deadline, String step) {
        transcript.lineOut(text);
        byte[] bytes = (text + profile.lineEnding()).getBytes(StandardCharsets.UTF_8);
        transcript.rawOut(bytes);
        int chunk = pacing.chunk();
        for (int off = 0; off < bytes.length; off += chunk) {
            if (off > 0 && !pacing.delay().isZero()) sleepUntilOrFail(pacing.delay(), deadline, step);
            long left = deadline - System.nanoTime();
            if (left <= 0) throw timeout(step, "deadline passed while sending");
            Duration writeTimeout = Duration.ofNanos(Math.min(left, profile.writeTimeout().toNanos()));
            try {
                boolean whole = off == 0 && chunk >= bytes.length;
                link.write(whole ? bytes : java.util.Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + chunk)),
                        writeTimeout);
            } catch (LinkException e) {
                throw writeFailed(step, e);
            }
        }
    }

    private void sleepUntilOrFail(Duration delay, long deadline, String step) {
        lock.lock();
        try {
            long until = System.nanoTime() + delay.toNanos();
            while (true) {
                failIfGone(step);
                long now = System.nanoTime();
                if (now >= until) return;
                if (now >= deadline) throw timeout(step, "deadline passed while sending");
                awaitNanos(Math.min(until, deadline) - now);
            }
        } finally {
            lock.unlock();
        }
    }

    private ShellException writeFailed(String step, LinkException e) {
        lock.lock();
        try {
            if (disconnected != null || !link.isOpen()) {
                return new ShellDisconnectedException(board, step, "link went away while writing: " + e.getMessage(),
                        tail.escaped());
            }
        } finally {
            lock.unlock();
        }
        return new ShellException(board, step, "write failed: " + e.getMessage(), tail.escaped(), e);
    }

    private void acquireExecLock(long deadline, String step) {
        try {
            long left = deadline - System.nanoTime();
            if (!execLock.tryLock(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                throw timeout(step, "another command was still running on this session");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShellException(board, step, "interrupted", tail.escaped(), e);
        }
    }

    // ---------------------------------------------------------------- waiting helpers (lock held)

    private interface Condition0 { boolean holds(); }

    /**
     * Waits for a boot banner. A bare newline goes out every probe interval meanwhile, so a board
     * that is running but did not reboot answers with prompts, which the failure then reports.
     */
    private void waitUntil(long deadline, String step, long startSeq, Condition0 done,
                           Supplier<ShellTimeoutException> failure) {
        long probeEvery = profile.probeInterval().toNanos();
        long nextProbe = System.nanoTime() + probeEvery;
        while (!done.holds()) {
            failIfGone(step);
            failIfCrashed(step, startSeq);
            long now = System.nanoTime();
            if (now >= deadline) throw failure.get();
            if (now >= nextProbe) {
                lock.unlock();
                try {
                    sendLine("", deadline, step + " probe");
                } finally {
                    lock.lock();
                }
                nextProbe = System.nanoTime() + probeEvery;
                continue;
            }
            awaitNanos(Math.min(deadline, nextProbe) - now);
        }
    }

    private void awaitNanos(long nanos) {
        if (nanos <= 0) return;
        if (lock.getHoldCount() == 1) {
            // read on this thread: woken by the kernel, not by a hand-off from the link's thread
            long seen = received;
            lock.unlock();
            boolean pumped;
            try {
                pumped = link.pump(Math.min(nanos, PUMP_SLICE_NANOS), () -> received != seen || closed);
            } finally {
                lock.lock();
            }
            // news delivered by the link's thread while the lock was free: no signal will come for it
            if (pumped || received != seen || closed) return;
        }
        try {
            changed.awaitNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShellException(board, "wait", "interrupted", tail.escaped(), e);
        }
    }

    private void failIfGone(String step) {
        if (closed) throw new ShellDisconnectedException(board, step, "session closed", tail.escaped());
        if (disconnected != null) {
            throw new ShellDisconnectedException(board, step, "link went away: " + disconnected, tail.escaped());
        }
    }

    private void failIfCrashed(String step, long sinceSeq) {
        if (lastFatalSeq < sinceSeq) return;
        // the first fatal line names the cause ("ZEPHYR FATAL ERROR 0: ..."), later ones the aftermath
        List<String> texts = recentFatals.stream().filter(e -> e.seq() >= sinceSeq)
                .map(e -> e.line().text().strip()).toList();
        throw new BoardCrashedException(board, step, "board crashed: " + String.join(" | ", texts), tail.escaped());
    }

    private void failIfRebooted(String step, int startEpoch) {
        if (epoch != startEpoch) {
            throw new ShellException(board, step, "board rebooted during command (now in epoch " + epoch
                    + ": " + bootEpoch.banner() + ")", tail.escaped(), null);
        }
    }

    private ShellTimeoutException timeout(String step, String message) {
        transcript.flush(); // what was sent before the board went silent
        return new ShellTimeoutException(board, step, message, tail.escaped());
    }

    /** Removes and returns the pending events with {@code seq >= from}, oldest first. */
    private List<Event> takeFrom(long from) {
        ArrayDeque<Event> taken = new ArrayDeque<>();
        while (!pending.isEmpty() && pending.peekLast().seq() >= from) taken.addFirst(pending.pollLast());
        return new ArrayList<>(taken);
    }

    private void giveBack(List<Event> events) { pending.addAll(events); }

    private void enqueue(ConsoleLine line) {
        pending.addLast(new Event(nextSeq++, line));
        if (pending.size() > MAX_PENDING) pending.pollFirst(); // nobody is reading: keep memory bounded
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    // ---------------------------------------------------------------- link side

    /** The link's thread: record, decode. */
    private final class Received implements LinkListener {
        @Override
        public void onBytes(byte[] bytes) {
            transcript.rawIn(bytes);
            tail.add(bytes);
            lock.lock();
            try {
                long now = System.nanoTime();
                longestGapNanos = Math.max(longestGapNanos, now - lastRxNanos);
                lastRxNanos = now;
                rxBytes += bytes.length;
                decoder.feed(bytes);
                received++;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void onDisconnected(String reason) {
            lock.lock();
            try {
                disconnected = reason == null || reason.isEmpty() ? "disconnected" : reason;
                received++;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            log.debug("{}: link went away: {}", board, reason);
        }
    }

    /** Decoder events, delivered under the lock from {@link Received#onBytes}. */
    private final class Decoded implements ConsoleListener {
        @Override
        public void onLine(ConsoleLine line) {
            transcript.lineIn(line.text());
            switch (line.kind()) {
                case BANNER -> {
                    newEpoch(line.text().strip());
                    enqueue(line);
                }
                case FATAL -> {
                    lastFatalSeq = nextSeq;
                    recentFatals.addLast(new Event(nextSeq, line));
                    if (recentFatals.size() > 8) recentFatals.pollFirst();
                    enqueue(line);
                }
                default -> {
                    ReadyAnnouncement ready = readyIn(line);
                    if (ready == null) {
                        enqueue(line);
                        return;
                    }
                    // A ready line is printed once per boot. Another boot count in the same epoch
                    // means the board rebooted and its banner was lost (damaged on the link, or
                    // printed late through a deferred log): the ready line opens the new boot, so
                    // a command in flight ends as "rebooted" instead of being answered by a board
                    // that never saw it.
                    if (announced != null && ready.boot() != announced.boot()) {
                        newEpoch("(banner not seen) " + ready.line().strip());
                    }
                    announced = ready; // session state, not command output
                }
            }
        }

        private void newEpoch(String banner) {
            epoch++;
            bootEpoch = new BootEpoch(epoch, banner, Instant.now(clock));
            pending.clear(); // whatever came before the reset belongs to the old boot
            announced = null;
            epochStartSeq = nextSeq;
            log.debug("{}: boot epoch {}: {}", board, epoch, banner);
        }

        private ReadyAnnouncement readyIn(ConsoleLine line) {
            String text = line.kind() == ConsoleLine.Kind.PROMPT_LINE ? line.afterPrompt() : line.text();
            return line.kind() == ConsoleLine.Kind.LOG || !text.contains(ReadyAnnouncement.TAG)
                    ? null : ReadyAnnouncement.parse(text);
        }

        @Override
        public void onPrompt() {
            promptCount++;
            lastPromptSeq = nextSeq;
            pending.addLast(new Event(nextSeq++, null));
        }
    }

    // exposed for tests of queue bookkeeping
    int pendingCount() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }
}
