package io.llexthil.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.llexthil.link.Link;
import io.llexthil.link.Links;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.DefaultShellSession;
import io.llexthil.testkit.BypassHandler;
import io.llexthil.testkit.FakeZephyrShell;
import io.llexthil.testkit.Reply;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload through a shell that behaves like Zephyr's around {@code shell_set_bypass()}: no
 * prompt after {@code upload data} (shell.c {@code state_set()}), every byte after the command's
 * line end goes to the bypass callback (the LF of a CRLF too), the prompt comes back when the
 * callback ends bypass. The host must start its frames on the result line alone.
 */
class ZephyrShellUploadTest {
    private static final Duration T = Duration.ofSeconds(5);
    private static final Pattern BEGIN = Pattern.compile("hil @(\\d+):[0-9a-f]{8} upload begin (\\S+) (\\d+) ([0-9a-f]{8})");
    private static final Pattern DATA = Pattern.compile("hil @(\\d+):[0-9a-f]{8} upload data (\\S+)");

    @TempDir Path runDir;

    @Test
    void anUploadStartsOnTheResultLineWithoutAPrompt() {
        assertUploadArrives("\n", 5000);
    }

    @Test
    void theLfOfACrlfLineEndInBypassModeCostsNothing() {
        // the receiver, like the firmware's, skips line-end bytes before the first frame header
        assertUploadArrives("\r\n", 3000);
    }

    private void assertUploadArrives(String lineEnding, int size) {
        byte[] image = new byte[size];
        new Random(size).nextBytes(image);
        Receiver receiver = new Receiver(image.length);
        try (FakeZephyrShell fake = FakeZephyrShell.tcp()) {
            fake.onCommand(BEGIN, command -> {
                Matcher m = BEGIN.matcher(command);
                m.matches();
                return Reply.lines(ResultLine.format(ResultLine.HIL, Integer.parseInt(m.group(1)), 0,
                        "{\"name\":\"" + m.group(2) + "\",\"len\":" + m.group(3) + ",\"next\":0,\"chunk\":256,\"window\":2}"));
            });
            fake.onCommand(DATA, command -> {
                Matcher m = DATA.matcher(command);
                m.matches();
                receiver.id = Integer.parseInt(m.group(1));
                return Reply.lines(ResultLine.format(ResultLine.HIL, receiver.id, 0, "{\"name\":\"img\",\"next\":0}"))
                        .bypass(receiver);
            });
            Link link = Links.create("tcp://127.0.0.1:" + fake.port());
            BoardProfile profile = BoardProfile.builder("zephyr-shaped").lineEnding(lineEnding)
                    .quietPeriod(Duration.ofMillis(50)).probeInterval(Duration.ofMillis(200)).build();
            try (DefaultShellSession session = DefaultShellSession.open(link, profile, runDir)) {
                fake.awaitClient(T);
                fake.boot();
                session.awaitReady(T);
                HilBoardClient client = new HilBoardClient(session, AccessMode.READ_WRITE, null, T, 0);
                UploadResult result = client.upload("img", image, null);
                assertThat(result.reply().rc()).isZero();
                assertThat(receiver.data.toByteArray()).isEqualTo(image);
                assertThat(receiver.badFrames).isZero();
                // the shell is back: an ordinary command works after the upload
                fake.onCommand(Pattern.compile("hil @(\\d+):[0-9a-f]{8} state"), command -> Reply.lines(ResultLine.format(
                        ResultLine.HIL, Integer.parseInt(command.split("[@: ]")[2]), 0, "{\"x\":1}")));
                assertThat(client.command("state", T).ok()).isTrue();
            }
        }
    }

    /** Frames as in docs/protocol.md section 5; ACKs each good one, ends bypass on the end frame. */
    private static final class Receiver implements BypassHandler {
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        final int total;
        volatile int id;
        volatile int badFrames; // frames that were not what the host must send: none expected

        Receiver(int total) { this.total = total; }

        @Override
        public void bytes(byte[] bytes, Output out) {
            for (byte b : bytes) {
                if (pending.size() == 0 && (b == '\r' || b == '\n')) {
                    continue; // line-end bytes before a header
                }
                pending.write(b);
                byte[] p = pending.toByteArray();
                if (p.length < 8) continue;
                ByteBuffer h = ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN);
                if ((p[0] & 0xff) != 0xA5 || (p[1] & 0xff) != 0x5A) {
                    badFrames++;
                    pending.reset();
                    continue;
                }
                int offset = h.getInt(2);
                int len = h.getShort(6) & 0xffff;
                if (p.length < 8 + len + 4) continue;
                CRC32 crc = new CRC32();
                crc.update(p, 8, len);
                pending.reset();
                if (h.getInt(8 + len) != (int) crc.getValue()) {
                    badFrames++;
                    out.line(CheckedLine.format(CheckedLine.NAK, id, data.size() + "|bad crc"));
                    continue;
                }
                if (len == 0) {
                    out.line(ResultLine.format(ResultLine.UPL, id, data.size() == total ? 0 : -11,
                            "{\"name\":\"img\",\"len\":" + total + ",\"received\":" + data.size() + ",\"complete\":true}"));
                    out.end();
                    return;
                }
                if (offset != data.size()) {
                    // a frame sent again after a slow acknowledgement: tell the host where we are
                    out.line(CheckedLine.format(CheckedLine.NAK, id, data.size() + "|unexpected offset"));
                    continue;
                }
                data.write(p, 8, len);
                out.line(CheckedLine.format(CheckedLine.ACK, id, String.valueOf(data.size())));
            }
        }
    }
}
