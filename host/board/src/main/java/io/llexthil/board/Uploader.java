package io.llexthil.board;

import io.llexthil.shell.ShellSession;
import io.llexthil.shell.ShellTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * One upload (docs/protocol.md section 5): {@code upload begin} (which also tells where a partial
 * upload resumes), {@code upload data}, then pipelined frames with at most {@code window}
 * unacknowledged, go-back-N on a NAK or on silence, and the end frame.
 *
 * <p>The window comes from the board, sized to its receive buffer, so the host never overruns
 * it even while the firmware is busy. Only acknowledgements that carry this upload's request
 * id and a good CRC move it forward; anything else is noise. When the exchange is lost (the
 * answer to {@code upload data} or the end of data mode never arrives intact), the host sends
 * the abort sequence, which ends data mode in any state, and starts again with
 * {@code upload begin}, which resumes at the first byte the board is missing.
 */
final class Uploader {
    /** Rounds of begin/data/frames before the link is declared unusable. */
    static final int ROUNDS = 4;
    /** Acknowledgement timeouts in a row before the upload is given up (each one resends the window). */
    private static final int MAX_SILENCES = 5;
    /** Ends data mode from any receiver state; bytes above 127, so a shell in command mode drops them. */
    static final byte[] ABORT = {
        (byte) 0xAB, (byte) 0xC3, (byte) 0x9E, (byte) 0xF1, (byte) 0xB7, (byte) 0xD2, (byte) 0x8C, (byte) 0xE9,
        (byte) 0x95, (byte) 0xDA, (byte) 0x86, (byte) 0xF4, (byte) 0xBC, (byte) 0x8F, (byte) 0xE3, (byte) 0xA7,
    };

    private final HilBoardClient client;
    private final ShellSession session;
    private final String name;
    private final byte[] image;
    private final UploadProgress progress;

    Uploader(HilBoardClient client, String name, byte[] image, UploadProgress progress) {
        this.client = client;
        this.session = client.session();
        this.name = name;
        this.image = image;
        this.progress = progress;
    }

    UploadResult run() {
        String crc = String.format(Locale.ROOT, "%08x", UploadFrames.crc32(image, 0, image.length));
        long started = 0;
        int resumedFrom = -1;
        int frames = 0;
        int naks = 0;
        String lost = "";
        for (int round = 1; round <= ROUNDS; round++) {
            HilReply begin = client.command("upload begin " + name + " " + image.length + " " + crc, client.commandTimeout());
            if (!begin.ok()) {
                throw new HilProtocolException(client.boardName(), "upload begin " + name,
                        "refused with rc " + begin.rc() + ": " + begin.error(), HilBoardClient.tail(begin.line()));
            }
            int chunk = Math.max(1, begin.payload().path("chunk").asInt(256));
            int window = Math.max(1, begin.payload().path("window").asInt(1));
            if (resumedFrom < 0) {
                resumedFrom = begin.payload().path("next").asInt(0);
            }
            Optional<HilReply> data = client.commandOnce("upload data " + name, client.commandTimeout());
            if (data.isEmpty()) {
                lost = "the answer to upload data was lost";
                abort();
                continue;
            }
            if (!data.get().ok()) {
                throw new HilProtocolException(client.boardName(), "upload data " + name,
                        "refused with rc " + data.get().rc() + ": " + data.get().error(), HilBoardClient.tail(data.get().line()));
            }
            // The board may know more than the begin reply said (a resume raced with another host).
            int acked = data.get().payload().path("next").asInt(0);
            if (started == 0) {
                started = System.nanoTime(); // the data phase, as the line-rate ratio means it
            }
            Transfer t = new Transfer(data.get().id(), chunk, window);
            HilReply end = t.run(acked);
            frames += t.frames;
            naks += t.naks;
            if (end != null) {
                double seconds = (System.nanoTime() - started) / 1e9;
                int payload = image.length - resumedFrom;
                double ratio = client.nominalBaud() > 0 && seconds > 0
                        ? (payload / seconds) / (client.nominalBaud() / 10.0) : Double.NaN;
                return new UploadResult(end, image.length, resumedFrom, frames, naks, seconds, ratio);
            }
            lost = "the end of data mode was not confirmed";
            abort();
        }
        throw new HilLinkException(client.boardName(), "upload " + name, "no intact end of upload after "
                + ROUNDS + " rounds (" + lost + ")", "");
    }

    /**
     * Ends data mode if the board is in it (its @@UPL line is then stale and ignored by id) and
     * drops what is pending, so the next round starts from a known state.
     */
    private void abort() {
        RetryLog.of(session).add("upload " + name + ": abort sequence sent, upload restarted");
        Duration t = client.commandTimeout();
        session.writeRaw(ABORT, t);
        session.writeRaw(ABORT, t); // once more, in case a bit flip spoiled the first
        try {
            session.awaitLine(l -> false, Duration.ofMillis(200)); // let the @@UPL line and the prompt pass
        } catch (ShellTimeoutException expected) {
            session.clearPending();
        }
    }

    /** Frames of one data-mode session, tagged with the request id of its {@code upload data}. */
    private final class Transfer {
        private final int id;
        private final int chunk;
        private final int window;
        private final Duration ackTimeout;
        private final Duration noisyAckTimeout;
        int frames;
        int naks;

        Transfer(int id, int chunk, int window) {
            this.id = id;
            this.chunk = chunk;
            this.window = window;
            this.ackTimeout = ackTimeout(chunk, window, 1000);
            this.noisyAckTimeout = ackTimeout(chunk, window, 150);
        }

        /** The checked @@UPL reply, or null when the end of data mode never arrived intact. */
        HilReply run(int startAt) {
            int acked = startAt;
            int sent = startAt;
            // A NAK names the offset the board waits for. The board NAKs once per resynchronisation
            // and discards the frames in flight behind the bad one silently, so every NAK means a
            // frame at that offset failed (a retransmission too): go back to it each time.
            int silences = 0;
            FrameSizer sizer = new FrameSizer(chunk);
            // ends of the frames in flight: the bytes on the wire, framing included, stay within
            // what the board's receive buffer holds (window * (chunk + 12))
            java.util.ArrayDeque<Integer> inFlight = new java.util.ArrayDeque<>();
            int budget = window * (chunk + UploadFrames.OVERHEAD);
            while (acked < image.length) {
                while (sent < image.length) {
                    int len = Math.min(sizer.length(), image.length - sent);
                    boolean full = (sent - acked) + (inFlight.size() + 1) * UploadFrames.OVERHEAD + len > budget
                            || inFlight.size() >= sizer.maxInFlight();
                    if (full && !inFlight.isEmpty()) {
                        break;
                    }
                    session.writeRaw(UploadFrames.frame(image, sent, len), ackTimeout);
                    sent += len;
                    inFlight.addLast(sent);
                    frames++;
                }
                // once the line has shown noise, a lost acknowledgement is the likely cause of silence
                Optional<Event> e = next(sizer.noisy() ? noisyAckTimeout : ackTimeout);
                if (e.isEmpty()) {
                    // Lost acknowledgements or a dropped frame: go back to the last acknowledged byte,
                    // but a board that stays silent is gone, not slow: end data mode if it is still
                    // in it, and give up with the timeout.
                    if (++silences > MAX_SILENCES) {
                        abort();
                        throw new ShellTimeoutException(client.boardName(), "upload " + name, "no acknowledgement in "
                                + MAX_SILENCES + " timeouts in a row: the board is silent", "");
                    }
                    sent = acked;
                    inFlight.clear();
                    sizer.trouble();
                    naks++;
                    continue;
                }
                silences = 0;
                if (e.get().end() != null) {
                    return e.get().end();
                }
                int next = e.get().next();
                if (next < acked || next > image.length) {
                    continue;
                }
                acked = next;
                while (!inFlight.isEmpty() && inFlight.peekFirst() <= acked) {
                    inFlight.pollFirst();
                }
                if (e.get().nak()) {
                    naks++;
                    sizer.trouble();
                    sent = next;
                    inFlight.clear();
                } else {
                    sizer.fine();
                    progress.acknowledged(acked, image.length);
                }
            }
            // The end frame: a NAK means it was damaged (send it again); silence means the end line
            // was lost, and the board may already be back in command mode, where a repeated end
            // frame would be typed into the shell: the round is abandoned instead (abort, resume).
            for (int i = 0; i < ROUNDS; i++) {
                session.writeRaw(UploadFrames.end(image.length), ackTimeout);
                Optional<Event> e = next(ackTimeout.multipliedBy(3));
                while (e.isPresent() && e.get().end() == null && !e.get().nak()) {
                    e = next(ackTimeout.multipliedBy(3)); // late acknowledgements of the last frames
                }
                if (e.isEmpty()) {
                    return null;
                }
                if (e.get().end() != null) {
                    return e.get().end();
                }
            }
            return null;
        }

        /** An intact line of this upload: an ACK, a NAK (both with next) or the end. */
        private record Event(boolean nak, int next, HilReply end) { }

        private Optional<Event> next(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                String line;
                try {
                    line = session.awaitLine(l -> l.contains("@@ACK|") || l.contains("@@NAK|") || l.contains("@@UPL|"),
                            Duration.ofNanos(left));
                } catch (ShellTimeoutException silence) {
                    return Optional.empty();
                }
                Optional<Event> e = event(line);
                if (e.isPresent()) {
                    return e;
                }
                // damaged, or from an abandoned upload (another id): noise
            }
        }

        private Optional<Event> event(String line) {
            for (String tag : new String[] {CheckedLine.ACK, CheckedLine.NAK}) {
                Optional<CheckedLine> c = CheckedLine.parse(tag, line);
                if (c.isPresent() && c.get().id() == id && c.get().intField(0) >= 0) {
                    return Optional.of(new Event(tag.equals(CheckedLine.NAK), c.get().intField(0), null));
                }
            }
            try {
                Optional<ResultLine> r = ResultLine.parse(ResultLine.UPL, line);
                if (r.isPresent() && r.get().id() == id) {
                    HilReply end = new HilReply("upload data " + name, id, r.get().rc(), r.get().json(), line, null);
                    return Optional.of(new Event(false, -1, end));
                }
            } catch (ResultLine.MalformedResultException damaged) {
                return Optional.empty();
            }
            return Optional.empty();
        }
    }

    /**
     * Long enough for a full window at the nominal line rate, three times over, and at least
     * {@code minMs}: 1 s on a clean line (a busy host must not look like a lost frame), 150 ms
     * once the line has shown noise (each lost acknowledgement costs this much).
     */
    private Duration ackTimeout(int chunk, int window, long minMs) {
        int baud = client.nominalBaud() > 0 ? client.nominalBaud() : 115200;
        long ms = 3L * window * (chunk + UploadFrames.OVERHEAD) * 10_000L / baud;
        return Duration.ofMillis(Math.max(minMs, ms));
    }

    /**
     * Frame payload length and frames in flight. A clean line gets the board's chunk and the
     * whole window. After a NAK or a silence the frames halve (down to 64 bytes) and at most two
     * are in flight: on a noisy line a long frame is likelier to be damaged, and go-back-N
     * sends everything in flight behind a damaged frame again. 16 good frames in a row double
     * the length again; at the full chunk the whole window returns.
     */
    static final class FrameSizer {
        private final int chunk;
        private int length;
        private int goodInARow;
        private boolean noisy;

        FrameSizer(int chunk) {
            this.chunk = chunk;
            this.length = chunk;
        }

        int length() { return length; }

        boolean noisy() { return noisy; }

        /** Frames allowed in flight, besides the receive-buffer budget. */
        int maxInFlight() { return noisy ? 2 : Integer.MAX_VALUE; }

        void trouble() {
            length = Math.max(Math.min(64, chunk), length / 2);
            goodInARow = 0;
            noisy = true;
        }

        void fine() {
            if (++goodInARow >= 16) {
                goodInARow = 0;
                if (length == chunk) {
                    noisy = false;
                }
                length = Math.min(chunk, length * 2);
            }
        }
    }
}
