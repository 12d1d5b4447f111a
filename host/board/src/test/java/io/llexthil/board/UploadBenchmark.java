package io.llexthil.board;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

/**
 * Upload throughput on the simulated board's emulated 115200-baud UART, side by side in one run:
 * the framed, acknowledged binary upload against a hex-text baseline shaped like the LLEXT shell's
 * {@code load_hex} (hex characters in shell lines of at most 256 bytes, the default
 * CONFIG_SHELL_CMD_BUFF_SIZE, each waiting for the prompt). Prints payload rate as a share of the
 * line rate (baud / 10 bytes per second). A benchmark, not a test: it asserts nothing.
 *
 * <p>Run: {@code mvn -q -pl host/board test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.llexthil.board.UploadBenchmark} (after building the firmware).
 */
public final class UploadBenchmark {
    private static final int BAUD = 115200;
    private static final int SIZE = 16 * 1024;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("upload-bench");
        byte[] image = new byte[SIZE];
        new Random(7).nextBytes(image);
        double lineRate = BAUD / 10.0;
        try (BoardClient board = Boards.open(SimBoards.profile(dir, "tcp", "&baud=" + BAUD), dir, AccessMode.READ_WRITE)) {
            BoardInfo.UploadParams p = board.info().upload();
            UploadResult framed = board.upload("bench", image, UploadProgress.NONE);
            if (framed.reply().rc() != 0) {
                throw new IllegalStateException("upload failed: " + framed.reply().line());
            }

            // Baseline: the same payload as hex text in 256-byte shell lines.
            String hex = HexFormat.of().formatHex(image);
            String prefix = "hil @0 hex ";
            int perLine = (256 - prefix.length() - 2) & ~1;
            long start = System.nanoTime();
            for (int off = 0; off < hex.length(); off += perLine) {
                String chunk = hex.substring(off, Math.min(hex.length(), off + perLine));
                board.session().exec("hil hex " + chunk, Duration.ofSeconds(10));
            }
            double hexSeconds = (System.nanoTime() - start) / 1e9;
            double hexRatio = (SIZE / hexSeconds) / lineRate;

            System.out.printf("board window %d x %d payload bytes, rx buffer %d bytes, line rate %d baud%n",
                    p.window(), p.chunk(), p.rxBuffer(), BAUD);
            System.out.printf("framed binary upload: %6.2f s for %d bytes = %5.1f %% of line rate (%d frames, %d NAKs)%n",
                    framed.seconds(), SIZE, 100 * framed.lineRateRatio(), framed.frames(), framed.naks());
            System.out.printf("hex-line baseline:    %6.2f s for %d bytes = %5.1f %% of line rate%n",
                    hexSeconds, SIZE, 100 * hexRatio);
            System.out.printf("speed-up of the framed upload over hex lines: %.2fx%n", framed.lineRateRatio() / hexRatio);
        }
    }
}
