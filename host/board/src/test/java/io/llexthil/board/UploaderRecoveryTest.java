package io.llexthil.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.llexthil.shell.BootEpoch;
import io.llexthil.shell.CommandResult;
import io.llexthil.shell.ShellSession;
import io.llexthil.shell.ShellTimeoutException;
import io.llexthil.shell.Transcript;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The host's go-back-N recovery (docs/protocol.md section 5) against a scripted receiver that
 * follows the board's rules: ACK good frames, NAK once per resynchronisation, drop frames in
 * flight behind a bad one. The receiver corrupts or loses chosen frames; the image that arrives
 * must be byte-identical.
 */
class UploaderRecoveryTest {

    @Test
    void aCorruptedFrameIsSentAgainAfterTheNak() {
        Receiver board = new Receiver(256, 3).corruptFrames(2, 5);
        UploadResult result = upload(board, 4000);
        assertThat(result.reply().rc()).isZero();
        assertThat(result.naks()).isEqualTo(2);
        assertThat(board.received()).isEqualTo(board.expected);
    }

    @Test
    void aLostAcknowledgementInsideTheWindowIsCoveredByTheNextOne() {
        // acknowledgements are cumulative: losing one in the middle costs nothing
        Receiver board = new Receiver(256, 2).dropAcks(3);
        UploadResult result = upload(board, 3000);
        assertThat(result.reply().rc()).isZero();
        assertThat(result.naks()).isZero();
        assertThat(board.received()).isEqualTo(board.expected);
    }

    @Test
    void aLostLastAcknowledgementIsRecoveredByTheTimeout() {
        // 3000 bytes = 12 frames of at most 256: without the 12th ACK the host hears nothing,
        // goes back to the last acknowledged byte, and the board's NAK tells it all arrived
        Receiver board = new Receiver(256, 2).dropAcks(12);
        UploadResult result = upload(board, 3000);
        assertThat(result.reply().rc()).isZero();
        assertThat(result.naks()).isEqualTo(2); // the silence, then the board's NAK
        assertThat(board.received()).isEqualTo(board.expected);
    }

    /** Defect 1: the answer to `upload data` is lost while the board is in data mode: abort, start again. */
    @Test
    void aLostAnswerToUploadDataEndsInTheAbortSequenceNotALockout() {
        Receiver board = new Receiver(256, 3).loseFirstDataReply();
        UploadResult result = upload(board, 2000);
        assertThat(result.reply().rc()).isZero();
        assertThat(board.aborts).isEqualTo(1);
        assertThat(board.received()).isEqualTo(board.expected);
    }

    /** Defect 2: an acknowledgement with a flipped digit is noise (its CRC fails), not an exception. */
    @Test
    void aDamagedAcknowledgementIsNoise() {
        Receiver board = new Receiver(256, 2).damageAcks(2, 4);
        UploadResult result = upload(board, 3000);
        assertThat(result.reply().rc()).isZero();
        assertThat(board.received()).isEqualTo(board.expected);
        assertThat(CheckedLine.parse(CheckedLine.ACK, "@@ACK|7|%12|" + ResultLine.crc32Hex("7|512"))).isEmpty();
    }

    /** Defect 3: the end line of an abandoned upload (another request id) does not end this one. */
    @Test
    void aStaleEndLineOfAnAbandonedUploadIsIgnored() {
        Receiver board = new Receiver(256, 3);
        board.lines.add(ResultLine.format(ResultLine.UPL, 12345, -116,
                "{\"name\":\"img\",\"len\":2000,\"received\":512,\"complete\":false}"));
        UploadResult result = upload(board, 2000);
        assertThat(result.reply().rc()).isZero();
        assertThat(result.reply().id()).isEqualTo(board.dataId);
        assertThat(board.received()).isEqualTo(board.expected);
    }

    private static UploadResult upload(Receiver board, int size) {
        byte[] image = new byte[size];
        new Random(size).nextBytes(image);
        board.expected = image;
        HilBoardClient client = new HilBoardClient(board, AccessMode.READ_WRITE, null, Duration.ofSeconds(2), 115200);
        return client.upload("img", image, UploadProgress.NONE);
    }

    /** A board's upload receiver behind a minimal shell, with injected faults. */
    private static final class Receiver implements ShellSession {
        private static final Pattern CMD = Pattern.compile("hil @(\\d+):[0-9a-f]{8} upload (begin|data) (\\S+)(?: (\\d+) ([0-9a-f]+))?");
        private final int chunk;
        private final int window;
        private final Deque<String> lines = new ArrayDeque<>();
        private final java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        private byte[] expected;
        private int next;
        private int len;
        private int dataId;
        private int frameNo;
        private boolean hunting;
        private List<Integer> corrupt = List.of();
        private List<Integer> dropAck = List.of();
        private List<Integer> damageAck = List.of();
        private boolean loseDataReply;
        private boolean inDataMode;
        private int aborts;

        Receiver(int chunk, int window) {
            this.chunk = chunk;
            this.window = window;
        }

        Receiver corruptFrames(Integer... numbers) { corrupt = Arrays.asList(numbers); return this; }

        Receiver dropAcks(Integer... numbers) { dropAck = Arrays.asList(numbers); return this; }

        Receiver damageAcks(Integer... numbers) { damageAck = Arrays.asList(numbers); return this; }

        Receiver loseFirstDataReply() { loseDataReply = true; return this; }

        byte[] received() { return data.toByteArray(); }

        @Override
        public CommandResult exec(String command, Predicate<String> lastLine, Duration timeout) {
            return exec(command, timeout);
        }

        @Override
        public CommandResult exec(String command, Duration timeout) {
            Matcher m = CMD.matcher(command);
            assertThat(m.matches()).as(command).isTrue();
            int id = Integer.parseInt(m.group(1));
            String json;
            if (m.group(2).equals("begin")) {
                len = Integer.parseInt(m.group(4));
                json = "{\"name\":\"img\",\"len\":" + len + ",\"next\":0,\"chunk\":" + chunk + ",\"window\":" + window + "}";
            } else {
                dataId = id;
                inDataMode = true;
                json = "{\"name\":\"img\",\"next\":" + next + "}";
            }
            String line = ResultLine.format(ResultLine.HIL, id, 0, json);
            if (m.group(2).equals("data") && loseDataReply) {
                loseDataReply = false;
                line = line.substring(0, line.length() - 1) + "x"; // damaged on the way: the host cannot trust it
            }
            return new CommandResult(command, List.of(line), List.of(), Duration.ZERO, OptionalInt.empty(), 1);
        }

        @Override
        public void writeRaw(byte[] frame, Duration timeout) {
            if (Arrays.equals(frame, Uploader.ABORT)) {
                if (inDataMode) { // the abort sequence ends data mode in any state
                    aborts++;
                    inDataMode = false;
                    lines.add(ResultLine.format(ResultLine.UPL, dataId, -140, "{\"name\":\"img\",\"complete\":false}"));
                }
                return;
            }
            assertThat(inDataMode).as("frames only in data mode").isTrue();
            ByteBuffer b = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(b.get() & 0xff).isEqualTo(0xA5);
            assertThat(b.get() & 0xff).isEqualTo(0x5A);
            int offset = b.getInt();
            int n = b.getShort() & 0xffff;
            frameNo++;
            if (n == 0) {
                inDataMode = false;
                boolean complete = next == len;
                lines.add(ResultLine.format(ResultLine.UPL, dataId, complete ? 0 : -11,
                        "{\"name\":\"img\",\"len\":" + len + ",\"received\":" + next + ",\"complete\":" + complete + "}"));
                return;
            }
            boolean bad = corrupt.contains(frameNo);
            if (offset != next || bad) {
                if (!hunting) { // one NAK per resynchronisation, as the firmware does
                    lines.add(CheckedLine.format(CheckedLine.NAK, dataId, next + "|" + (bad ? "crc" : "offset")));
                    hunting = true;
                }
                return;
            }
            hunting = false;
            data.write(frame, 8, n);
            next += n;
            if (damageAck.contains(frameNo)) {
                lines.add("@@ACK|" + dataId + "|%" + next + "|" + ResultLine.crc32Hex(dataId + "|" + next));
            } else if (!dropAck.contains(frameNo)) {
                lines.add(CheckedLine.format(CheckedLine.ACK, dataId, String.valueOf(next)));
            }
        }

        @Override
        public String awaitLine(Predicate<String> match, Duration timeout) {
            while (!lines.isEmpty()) {
                String l = lines.poll();
                if (match.test(l)) {
                    return l;
                }
            }
            throw new ShellTimeoutException("fake", "awaitLine", "nothing within " + timeout.toMillis() + " ms", "");
        }

        @Override public String boardName() { return "fake"; }
        @Override public int epoch() { return 1; }
        @Override public BootEpoch awaitReady(Duration timeout) { return new BootEpoch(1, "", Instant.now()); }
        @Override public void clearPending() { lines.clear(); }
        @Override public Transcript transcript() { return null; }
        @Override public void close() { }
    }
}
