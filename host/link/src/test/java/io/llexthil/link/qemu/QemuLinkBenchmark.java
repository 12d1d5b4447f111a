package io.llexthil.link.qemu;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Measures the QEMU link with the test firmware and prints the numbers (it asserts nothing):
 * launch to first prompt, hard reset to prompt, and one-line round trips, each also as a ratio
 * to what the same bytes would take on a physical 115200-baud UART.
 *
 * <pre>
 * mvn -q -o -pl host/link test-compile exec:java \
 *     -Dexec.mainClass=io.llexthil.link.qemu.QemuLinkBenchmark -Dexec.classpathScope=test
 * </pre>
 */
public final class QemuLinkBenchmark {
    private static final Duration STEP = Duration.ofSeconds(10);
    private static final int LAUNCHES = 5;
    private static final int RESETS = 10;
    private static final int ROUND_TRIPS = 300;
    private static final String HELLO = "hello\r";
    private static final String ANSWER = "hello from mps2-an385\r\n" + TestFirmware.PROMPT;
    /** 8N1: ten bit times per byte. */
    private static final double UART_115200_SECONDS_PER_BYTE = 10.0 / 115_200;

    private QemuLinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        QemuSpec spec = QemuSpec.of("arm", TestFirmware.MACHINE, TestFirmware.elf());
        double[] launch = new double[LAUNCHES];
        double[] openOnly = new double[LAUNCHES];
        double[] firstRoundTrip = new double[LAUNCHES];
        double[] reset = new double[RESETS];
        double[] afterReset = new double[RESETS];
        double[] roundTrip = new double[ROUND_TRIPS];
        String version = "?";

        for (int i = 0; i < LAUNCHES; i++) {
            RecordingListener console = new RecordingListener();
            long start = System.nanoTime();
            try (QemuLink link = new QemuLink(spec.withWorkDir(TestFirmware.workDir("bench")))) {
                link.open(console, STEP);
                openOnly[i] = millisSince(start);
                expect(console, 0, TestFirmware.PROMPT);
                launch[i] = millisSince(start);
                version = link.qemuVersion();
                firstRoundTrip[i] = roundTrip(link, console);
                if (i == LAUNCHES - 1) {
                    for (int r = 0; r < RESETS; r++) {
                        int from = console.length();
                        long t = System.nanoTime();
                        link.hardReset(STEP);
                        expect(console, from, TestFirmware.BANNER + TestFirmware.PROMPT);
                        reset[r] = millisSince(t);
                        afterReset[r] = roundTrip(link, console);
                    }
                    for (int r = 0; r < ROUND_TRIPS; r++) {
                        roundTrip[r] = roundTrip(link, console);
                    }
                }
            }
        }

        int lineBytes = HELLO.length() + ("hello\r\n" + ANSWER).length();
        double uartMillis = lineBytes * UART_115200_SECONDS_PER_BYTE * 1000;
        System.out.printf(Locale.ROOT, "QEMU %s, machine %s, firmware %s%n", version, TestFirmware.MACHINE,
                TestFirmware.elf());
        print("open() (launch paused, connect, cont)", openOnly);
        print("launch -> first prompt", launch);
        print("first round trip after boot", firstRoundTrip);
        print("hardReset -> banner + prompt", reset);
        print("first round trip after reset", afterReset);
        print("one-line round trip (hello)", roundTrip);
        System.out.printf(Locale.ROOT, "the same %d bytes on a 115200-baud UART: %.2f ms; median QEMU round trip is "
                + "%.1fx faster%n", lineBytes, uartMillis, uartMillis / median(roundTrip));
    }

    private static double roundTrip(QemuLink link, RecordingListener console) throws InterruptedException {
        int from = console.length();
        long t = System.nanoTime();
        link.write(HELLO.getBytes(US_ASCII), STEP);
        expect(console, from, ANSWER);
        return millisSince(t);
    }

    private static void expect(RecordingListener console, int from, String text) throws InterruptedException {
        if (!console.awaitText(from, text, STEP)) {
            throw new IllegalStateException("no '" + text.strip() + "' within " + STEP + "; got: " + console.text());
        }
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void print(String what, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-40s n=%-4d median %8.3f ms  p90 %8.3f ms  min %8.3f ms  max %8.3f ms%n",
                what, sorted.length, median(sorted), sorted[(int) Math.floor(sorted.length * 0.9)], sorted[0],
                sorted[sorted.length - 1]);
    }
}
