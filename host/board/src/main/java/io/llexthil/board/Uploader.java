package io.llexthil.board;

import io.llexthil.shell.ShellSession;
import io.llexthil.shell.ShellTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * One upload (docs/protocol.md section 5): {@code upload begin} (which also tells where a partial
 * upload resumes), {@code upload data}, then pipelined frames with at most {@code window}
 * unacknowledged, go-back-N on a NAK or on silence, and the end frame.
 *
 * <p>The window comes from the board, sized to its receive buffer, so the host never overruns
 * it even while the firmware is busy.
 */
final class Uploader {
    /** Acknowledgement timeouts in a row before the upload is given up (each one resends the window). */
    private static final int MAX_SILENCES = 5;
    private final BoardClient client;
    private final ShellSession session;
    private final String name;
    private final byte[] image;
    private final UploadProgress progress;

    Uploader(BoardClient client, String name, byte[] image, UploadProgress progress) {
        this.client = client;
        this.session = client.session();
        this.name = name;
        this.image = image;
        this.progress = progress;
    }

    UploadResult run() {
        String crc = String.format(Locale.ROOT, "%08x", UploadFrames.crc32(image, 0, image.length));
        HilReply begin = client.command("upload begin " + name + " " + image.length + " " + crc, client.commandTimeout());
        if (!begin.ok()) {
            throw new HilProtocolException(client.boardName(), "upload begin " + name,
                    "refused with rc " + begin.rc() + ": " + begin.error(), HilBoardClient.tail(begin.line()));
        }
        int chunk = Math.max(1, begin.payload().path("chunk").asInt(256));
        int window = Math.max(1, begin.payload().path("window").asInt(1));
        int resumedFrom = begin.payload().path("next").asInt(0);

        HilReply data = client.command("upload data " + name, client.commandTimeout());
        if (!data.ok()) {
            throw new HilProtocolException(client.boardName(), "upload data " + name,
                    "refused with rc " + data.rc() + ": " + data.error(), HilBoardClient.tail(data.line()));
        }
        // The board may know more than the begin reply said (a resume raced with another host).
        int acked = data.payload().path("next").asInt(resumedFrom);
        long started = System.nanoTime();
        Stats stats = transfer(acked, chunk, window);
        double seconds = (System.nanoTime() - started) / 1e9;
        int payload = image.length - resumedFrom;
        double ratio = client.nominalBaud() > 0 && seconds > 0
                ? (payload / seconds) / (client.nominalBaud() / 10.0) : Double.NaN;
        return new UploadResult(stats.end, image.length, resumedFrom, stats.frames, stats.naks, seconds, ratio);
    }

    private record Stats(HilReply end, int frames, int naks) { }

    private Stats transfer(int startAt, int chunk, int window) {
        int acked = startAt;
        int sent = startAt;
        int frames = 0;
        int naks = 0;
        // A NAK names the offset the board waits for; frames already in flight behind the bad one
        // are discarded by the board and may draw the same NAK again: rewind once per offset.
        int rewoundTo = -1;
        int silences = 0; // consecutive acknowledgement timeouts
        Duration ackTimeout = ackTimeout(chunk, window);
        while (acked < image.length) {
            while (sent < image.length && (sent - acked) < window * chunk) {
                int len = Math.min(chunk, image.length - sent);
                session.writeRaw(UploadFrames.frame(image, sent, len), ackTimeout);
                sent += len;
                frames++;
            }
            String line;
            try {
                line = session.awaitLine(l -> l.startsWith("@@ACK|") || l.startsWith("@@NAK|") || l.startsWith("@@UPL|"),
                        ackTimeout);
            } catch (ShellTimeoutException silence) {
                // Lost acknowledgements or a dropped frame: go back to the last acknowledged byte,
                // but a board that stays silent is gone, not slow: give up with the timeout.
                if (++silences > MAX_SILENCES) {
                    throw silence;
                }
                sent = acked;
                rewoundTo = acked;
                naks++;
                continue;
            }
            silences = 0;
            String[] f = line.split("\\|");
            if (line.startsWith("@@UPL|")) {
                return new Stats(endReply(line), frames, naks);
            }
            int next = Integer.parseInt(f[1].strip());
            if (line.startsWith("@@ACK|")) {
                acked = Math.max(acked, next);
                progress.acknowledged(acked, image.length);
            } else {
                naks++;
                acked = Math.max(acked, next);
                if (rewoundTo != next) {
                    sent = next;
                    rewoundTo = next;
                }
            }
        }
        session.writeRaw(UploadFrames.end(image.length), ackTimeout);
        String line = session.awaitLine(l -> l.startsWith("@@UPL|"), client.commandTimeout());
        return new Stats(endReply(line), frames, naks);
    }

    private HilReply endReply(String line) {
        try {
            ResultLine r = ResultLine.parse(ResultLine.UPL, line).orElseThrow();
            return new HilReply("upload data " + name, r.id(), r.rc(), r.json(), line, null);
        } catch (ResultLine.MalformedResultException e) {
            throw new HilProtocolException(client.boardName(), "upload data " + name,
                    "corrupted end-of-upload line: " + e.getMessage(), HilBoardClient.tail(line));
        }
    }

    /** Long enough for a full window at the nominal line rate, three times over, and at least 1 s. */
    private Duration ackTimeout(int chunk, int window) {
        int baud = client.nominalBaud() > 0 ? client.nominalBaud() : 115200;
        long ms = 3L * window * (chunk + UploadFrames.OVERHEAD) * 10_000L / baud;
        return Duration.ofMillis(Math.max(1000, ms));
    }
}
