package io.llexthil.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads over the simulated board's emulated UART: 115200 baud both ways and a receive buffer
 * of 300 bytes that drops what does not fit, as a Zephyr shell with a full ring buffer does.
 * The board sizes the window to its buffer, so no byte may be lost.
 */
class ThrottledUploadIT {

    @TempDir
    Path dir;

    @Test
    void aSmallReceiveBufferAtLineRateLosesNoByte() {
        String params = "&baud=115200&rx-buf=300";
        try (BoardClient board = Boards.open(SimBoards.profile(dir, "tcp", params), dir, AccessMode.READ_WRITE)) {
            BoardInfo info = board.info();
            assertThat(info.upload().rxBuffer()).isEqualTo(300);
            assertThat(info.upload().window() * (info.upload().chunk() + UploadFrames.OVERHEAD))
                    .isLessThanOrEqualTo(300);

            byte[] random = new byte[6000];
            new Random(42).nextBytes(random);
            UploadResult up = board.upload("blob", random, UploadProgress.NONE);
            assertThat(up.reply().rc()).as(up.reply().line()).isZero();
            assertThat(up.reply().payload().path("received").asInt()).isEqualTo(random.length);
            assertThat(up.naks()).as("frames retransmitted").isZero();

            UploadResult elf = board.upload("chain8", SimBoards.extension("chain8"), UploadProgress.NONE);
            assertThat(elf.reply().rc()).isZero();
            System.out.printf("throttled upload: %d bytes in %.2f s = %.0f%% of 115200 baud (window %d x %d)%n",
                    up.bytes(), up.seconds(), 100 * up.lineRateRatio(), info.upload().window(), info.upload().chunk());
        }
    }

    @Test
    void aResumedUploadContinuesWhereTheBoardStopped() {
        try (BoardClient board = Boards.open(SimBoards.profile(dir, "tcp", ""), dir, AccessMode.READ_WRITE)) {
            byte[] image = SimBoards.extension("counter");
            String crc = String.format("%08x", UploadFrames.crc32(image, 0, image.length));
            // a first attempt that sends only the first frame, then the idle timeout ends data mode
            HilReply begin = board.command("upload begin counter " + image.length + " " + crc,
                    java.time.Duration.ofSeconds(5));
            assertThat(begin.rc()).isZero();
            int chunk = begin.payload().path("chunk").asInt();
            HilReply data = board.command("upload data counter", java.time.Duration.ofSeconds(5));
            assertThat(data.rc()).isZero();
            board.session().writeRaw(UploadFrames.frame(image, 0, chunk), java.time.Duration.ofSeconds(2));
            String ack = board.session().awaitLine(l -> l.startsWith("@@ACK|"), java.time.Duration.ofSeconds(5));
            assertThat(ack).isEqualTo(CheckedLine.format(CheckedLine.ACK, data.id(), String.valueOf(chunk)));
            String end = board.session().awaitLine(l -> l.startsWith("@@UPL|"), java.time.Duration.ofSeconds(5));
            assertThat(end).contains("|-116|"); // -ETIMEDOUT after 2 s of silence

            UploadResult resumed = board.upload("counter", image, UploadProgress.NONE);
            assertThat(resumed.resumedFrom()).isEqualTo(chunk);
            assertThat(resumed.reply().rc()).isZero();
            assertThat(board.load("counter").rc()).isZero();
        }
    }
}
