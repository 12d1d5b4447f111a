package io.llexthil.board;

import com.fasterxml.jackson.databind.JsonNode;
import io.llexthil.shell.CommandResult;
import io.llexthil.shell.ReadyAnnouncement;
import io.llexthil.shell.ShellException;
import io.llexthil.shell.ShellSession;
import io.llexthil.shell.ShellTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Delivers one HIL request over a noisy link (docs/protocol.md section 8): checked on the way
 * out ({@link RequestLine}) and on the way back ({@link ResultLine}); a read-only request is
 * simply sent again when its answer is lost or damaged; a request that may change the board is
 * never repeated blindly: the board is asked ({@code last <id>}) whether it ran, and its
 * result line is taken from the board's memory when it did. Only a crash, a reboot or a lost
 * link end a delivery at once; link noise ends it with {@link HilLinkException} once
 * {@link #ATTEMPTS} sends have failed.
 */
final class CommandDelivery {
    /** Sends of one request (the first one included) before the link is declared unusable. */
    static final int ATTEMPTS = 5;
    /**
     * Sends of a read-only request: harmless to repeat, and the longest answers ({@code info},
     * about 800 bytes) are the likeliest to be damaged.
     */
    static final int READ_ONLY_ATTEMPTS = 8;

    private final HilBoardClient client;
    private final ShellSession session;

    CommandDelivery(HilBoardClient client) {
        this.client = client;
        this.session = client.session();
    }

    /** The outcome of one send: the reply, or why there is none. */
    private record Attempt(HilReply reply, String trouble, boolean timedOut, String seen) { }

    HilReply deliver(String commandLine, Duration timeout) {
        String command = RequestLine.normalize(commandLine);
        boolean readOnly = ReadOnlyCommands.isReadOnly(command);
        List<String> troubles = new ArrayList<>();
        boolean flush = false;
        String seen = "";
        int attempts = readOnly ? READ_ONLY_ATTEMPTS : ATTEMPTS;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            int id = client.newId();
            ReadyAnnouncement bootAtSend = session.readyAnnouncement();
            Attempt a = once(command, id, timeout, flush);
            seen = a.seen();
            flush = a.timedOut();
            if (a.reply() != null && a.reply().rc() != RequestLine.REFUSED) {
                return recorded(a.reply(), troubles);
            }
            if (a.reply() != null) {
                troubles.add("request " + id + " reached the board damaged and was refused");
                continue; // refused before it ran: sending it again is safe
            }
            troubles.add("request " + id + ": " + a.trouble());
            if (!readOnly) {
                Optional<HilReply> ran = resolve(command, id, bootAtSend, timeout, troubles);
                if (ran.isPresent()) {
                    return recorded(ran.get(), troubles);
                }
            }
        }
        String hint = seen.contains("command not found") ? " (is the firmware built with CONFIG_LLEXT_HIL?)" : "";
        throw new HilLinkException(client.boardName(), "hil " + command, "no intact answer after " + attempts
                + " attempts" + hint + ": " + String.join("; ", troubles), HilBoardClient.tail(seen));
    }

    /** One send, no retry, no resolution: the reply when it arrived intact and was not refused. */
    Optional<HilReply> once(String commandLine, Duration timeout) {
        String command = RequestLine.normalize(commandLine);
        int id = client.newId();
        Attempt a = once(command, id, timeout, false);
        if (a.reply() == null || a.reply().rc() == RequestLine.REFUSED) {
            RetryLog.of(session).add("hil " + command + ": request " + id + ": "
                    + (a.reply() == null ? a.trouble() : "reached the board damaged and was refused"));
            return Optional.empty();
        }
        return Optional.of(a.reply());
    }

    private Attempt once(String command, int id, Duration timeout, boolean flushPartialLine) {
        // The result line is the command's last output and names its id: it ends the command.
        // Waiting for the prompt instead would hang after `upload data`, which a Zephyr shell
        // follows with no prompt (bypass mode, docs/protocol.md section 5).
        String resultPrefix = ResultLine.HIL + "|" + id + "|";
        CommandResult result;
        try {
            if (flushPartialLine) {
                // an earlier request may have lost its line end: finish that line so it is refused
                session.writeRaw("\n".getBytes(StandardCharsets.US_ASCII), timeout);
            }
            result = session.exec(RequestLine.frame(id, command), line -> line.contains(resultPrefix), timeout);
        } catch (ShellTimeoutException e) {
            return new Attempt(null, "no answer in " + timeout.toMillis() + " ms", true, e.lastBytes());
        }
        return scan(command, id, result);
    }

    /** The reply with this id among the output lines; other ids are stale, damaged lines noise. */
    private Attempt scan(String command, int id, CommandResult result) {
        String trouble = "no result line (the prompt came first)";
        for (String line : result.output()) {
            try {
                Optional<ResultLine> parsed = ResultLine.parse(ResultLine.HIL, line);
                if (parsed.isPresent() && parsed.get().id() == id) {
                    ResultLine r = parsed.get();
                    return new Attempt(new HilReply(command, id, r.rc(), r.json(), line, result), null, false, line);
                }
            } catch (ResultLine.MalformedResultException e) {
                trouble = "damaged result line (" + e.getMessage() + ")";
            }
        }
        return new Attempt(null, trouble, false, String.join("\\n", result.output()));
    }

    /**
     * Asks the board whether request {@code id} ran; its reply when it did. The board keeps the
     * result line until the next request that may change it, so a damaged copy is asked for
     * again. A request that ran but whose result line is gone (too long to keep, or a build that
     * keeps none) ends in a link error: its rc alone would be compared as if it were the whole
     * answer. An answer from another boot than the one the request was sent to ends it as a
     * reboot: the new boot's memory starts empty, so its "did not run" says nothing about the
     * boot that got it.
     */
    private Optional<HilReply> resolve(String command, int id, ReadyAnnouncement bootAtSend, Duration timeout,
                                       List<String> troubles) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            HilReply answer = deliver("last " + id, timeout);
            failIfAnotherBoot(command, id, bootAtSend, answer);
            if (!answer.ok() || !answer.payload().path("ran").asBoolean(false)) {
                troubles.add("the board says request " + id + " did not run: sent again");
                return Optional.empty();
            }
            Optional<HilReply> kept = keptReply(command, id, answer);
            if (kept.isPresent()) {
                troubles.add("request " + id + " ran: its result line was read back from the board");
                return kept;
            }
            if (!answer.payload().path("replayed").asBoolean(false)) {
                throw new HilLinkException(client.boardName(), "hil " + command, "request " + id + " ran with rc "
                        + answer.payload().path("rc").asInt() + " but its result line was lost and the board kept no copy (longer than"
                        + " CONFIG_LLEXT_HIL_REPLAY_MAX, or a build that keeps none) ("
                        + String.join("; ", troubles) + ")", HilBoardClient.tail(answer.line()));
            }
            troubles.add("the copy of request " + id + "'s result line was damaged too: asked again");
        }
        throw new HilLinkException(client.boardName(), "hil " + command, "request " + id
                + " ran but no intact copy of its result line arrived (" + String.join("; ", troubles) + ")", "");
    }

    /**
     * A reboot whose banner and ready line were both lost shows only here: the answer to
     * {@code last} names a boot count other than the ready line of the boot the request went to.
     */
    private void failIfAnotherBoot(String command, int id, ReadyAnnouncement bootAtSend, HilReply answer) {
        JsonNode boot = answer.ok() ? answer.payload().get("boot") : null;
        if (bootAtSend == null || boot == null || !boot.canConvertToLong() || boot.asLong() == bootAtSend.boot()) {
            return; // foreign or older firmware, or no ready line seen: nothing to compare
        }
        throw new ShellException(client.boardName(), "hil " + command, "board rebooted during command (request " + id
                + " went to boot " + bootAtSend.boot() + ", the board now answers from boot " + boot.asLong()
                + "; neither its banner nor its ready line arrived)", HilBoardClient.tail(answer.line()), null);
    }

    /** The kept result line of request {@code id} among the lines printed by {@code last}. */
    private static Optional<HilReply> keptReply(String command, int id, HilReply answer) {
        for (String line : answer.shell().output()) {
            try {
                Optional<ResultLine> kept = ResultLine.parse(ResultLine.HIL, line);
                if (kept.isPresent() && kept.get().id() == id) {
                    ResultLine r = kept.get();
                    return Optional.of(new HilReply(command, id, r.rc(), r.json(), line, answer.shell()));
                }
            } catch (ResultLine.MalformedResultException damaged) {
                // look further; the caller asks again
            }
        }
        return Optional.empty();
    }

    private HilReply recorded(HilReply reply, List<String> troubles) {
        if (!troubles.isEmpty()) {
            RetryLog.of(session).add("hil " + reply.command() + ": " + String.join("; ", troubles));
        }
        return reply;
    }
}
