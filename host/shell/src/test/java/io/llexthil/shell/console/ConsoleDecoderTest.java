package io.llexthil.shell.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.llexthil.shell.console.ConsoleLine.Kind;

class ConsoleDecoderTest {
    private final List<String> events = new ArrayList<>();
    private final List<ConsoleLine> lines = new ArrayList<>();
    private final ConsoleDecoder decoder = new ConsoleDecoder(ConsolePatterns.zephyrDefaults(), new ConsoleListener() {
        @Override public void onLine(ConsoleLine line) {
            lines.add(line);
            events.add(line.kind() + (line.overwritten() ? "~" : "") + ":" + line.text());
        }

        @Override public void onPrompt() { events.add("PROMPT"); }
    });

    private void feed(String s) { decoder.feed(s.getBytes(StandardCharsets.UTF_8)); }

    /** Feeds one byte per read: every escape, CRLF and UTF-8 sequence is split. */
    private void feedBytewise(String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) decoder.feed(new byte[] {b});
    }

    @Test
    void splitsOnCrlfLfAndLoneCr() {
        feed("one\r\ntwo\nthree\rfour\r\n");
        assertThat(events).containsExactly("OUTPUT:one", "OUTPUT:two", "OUTPUT~:three", "OUTPUT:four");
    }

    @Test
    void keepsBlankLinesButNotCrOnAnEmptyLine() {
        feed("a\r\n\r\nb\n\rc\r\n");
        assertThat(events).containsExactly("OUTPUT:a", "OUTPUT:", "OUTPUT:b", "OUTPUT:c");
    }

    @Test
    void stripsColoursAndCursorSequencesEvenWhenSplitAcrossReads() {
        String s = "\u001b[1;32muart:~$ \u001b[0mkernel version\r\n\u001b[1;31mred\u001b[0m text\u001b[K\r\n";
        feedBytewise(s);
        assertThat(events).containsExactly("PROMPT", "PROMPT_LINE:uart:~$ kernel version", "OUTPUT:red text");
        assertThat(lines.get(0).afterPrompt()).isEqualTo("kernel version");
    }

    @Test
    void crlfSplitAcrossReadsIsOneLineEnd() {
        feed("abc\r");
        feed("\ndef\r");
        feed("\n");
        assertThat(events).containsExactly("OUTPUT:abc", "OUTPUT:def");
    }

    @Test
    void promptIsRecognisedWithoutNewline() {
        feed("done\r\nuart:~$ ");
        assertThat(events).containsExactly("OUTPUT:done", "PROMPT");
    }

    @Test
    void zephyrEraseLogAndReprintLeavesOnlyTheLogAndTheReprint() {
        // the prompt with typed input "kern" is erased by cursor-left + clear-to-end, a log line
        // is printed, and prompt + typed input are reprinted; then the user finishes typing
        feedBytewise("uart:~$ kern\u001b[12D\u001b[J[00:00:01.234,000] <inf> app: tick\r\n"
                + "\u001b[1;32muart:~$ \u001b[0mkern" + "el version\r\n");
        assertThat(events).containsExactly("PROMPT", "LOG:[00:00:01.234,000] <inf> app: tick", "PROMPT",
                "PROMPT_LINE:uart:~$ kernel version");
        LogLineAssert.is(lines.get(0), "00:00:01.234,000", "inf", "app", "tick");
    }

    @Test
    void eraseWholeLineWithCrAndEsc2kWorksToo() {
        feed("uart:~$ ke\r\u001b[2K<wrn> net: link down\r\nuart:~$ ke");
        assertThat(events).containsExactly("PROMPT", "PROMPT_LINE~:uart:~$ ke", "LOG:<wrn> net: link down", "PROMPT");
    }

    @Test
    void eraseByEsc2kWithoutCrAlsoClearsTheLine() {
        feed("uart:~$ \u001b[2K\u001b[1G[00:00:00.010,000] <err> os: boom\r\nuart:~$ ");
        assertThat(events).containsExactly("PROMPT", "LOG:[00:00:00.010,000] <err> os: boom", "PROMPT");
    }

    @Test
    void saveAndRestoreCursorEsc7Esc8() {
        feed("abc\u001b7XYZ\u001b8de\r\n");
        assertThat(events).containsExactly("OUTPUT:abcdeZ");
    }

    @Test
    void logWithoutEraseAfterPromptIsStillALogLine() {
        feed("uart:~$ [00:00:02.000,000] <inf> app: hello\r\n");
        assertThat(events).containsExactly("PROMPT", "LOG:[00:00:02.000,000] <inf> app: hello");
    }

    @Test
    void separatesLogLevelsAndFormats() {
        feed("[00:00:01.234,000] <inf> llext: loaded\r\n<err> flash: write failed\r\n"
                + "[00012345] <dbg> mod.inst: x: y\r\n<note> not a log\r\nplain output\r\n"
                + "[00:00:01.000,000] \u001b[1;33m<wrn> heap: low\u001b[0m\r\n");
        assertThat(lines).extracting(ConsoleLine::kind)
                .containsExactly(Kind.LOG, Kind.LOG, Kind.LOG, Kind.OUTPUT, Kind.OUTPUT, Kind.LOG);
        LogLineAssert.is(lines.get(1), "", "err", "flash", "write failed");
        LogLineAssert.is(lines.get(2), "00012345", "dbg", "mod.inst", "x: y");
        LogLineAssert.is(lines.get(5), "00:00:01.000,000", "wrn", "heap", "low");
    }

    @Test
    void bannersAndFatalsAreFoundAnywhereInALine() {
        feed("\u0000\u00ff\u00fe*** Booting Zephyr OS build v4.2.0 ***\r\n"
                + "[00:00:00.010,000] <err> os: >>> ZEPHYR FATAL ERROR 0: CPU exception on CPU 0\r\n"
                + "Halting system\r\nASSERTION FAIL [x != NULL] @ heap.c:10\r\n");
        assertThat(lines).extracting(ConsoleLine::kind).containsExactly(Kind.BANNER, Kind.FATAL, Kind.FATAL, Kind.FATAL);
    }

    @Test
    void promptInTheMiddleOfALineIsNotAPrompt() {
        feed("noise uart:~$ \r\nxx\u001b[31muart:~$ ");
        assertThat(events).doesNotContain("PROMPT");
    }

    @Test
    void randomGarbageNeverProducesAPrompt() {
        Random random = new Random(1234);
        byte[] prompt = "uart:~$ ".getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; round < 200; round++) {
            byte[] garbage = new byte[2000];
            random.nextBytes(garbage);
            // sprinkle prompt-like text and escapes, never right after a line start
            for (int i = 0; i < garbage.length; i++) {
                if (garbage[i] == '\r' || garbage[i] == '\n') garbage[i] = 'x';
            }
            for (int k = 0; k < 20; k++) {
                int at = 1 + random.nextInt(garbage.length - prompt.length - 1);
                if (garbage[at - 1] == 0x1b) continue;
                System.arraycopy(prompt, 0, garbage, at, prompt.length);
            }
            garbage[0] = 'g';
            decoder.feed(garbage);
        }
        assertThat(events).doesNotContain("PROMPT");
    }

    @Test
    void aPromptAfterGarbageAndANewlineIsStillFound() {
        feed("\u001b[\u001b]0;title\u0007\u001b(Bgarbage\r\n\u001b[1;32muart:~$ \u001b[m");
        assertThat(events).containsExactly("OUTPUT:garbage", "PROMPT");
    }

    @Test
    void regexPromptIsMatchedAtLineStart() {
        List<String> seen = new ArrayList<>();
        ConsoleDecoder d = new ConsoleDecoder(new ConsolePatterns(Pattern.compile("[a-z0-9]+:~\\$ "),
                Pattern.compile("Booting"), List.of()), new ConsoleListener() {
            @Override public void onLine(ConsoleLine line) { seen.add(line.kind().name()); }

            @Override public void onPrompt() { seen.add("PROMPT"); }
        });
        d.feed("x\r\nrtt:~$ ".getBytes(StandardCharsets.US_ASCII));
        assertThat(seen).containsExactly("OUTPUT", "PROMPT");
    }

    @Test
    void utf8SplitAcrossReadsIsDecoded() {
        feedBytewise("temp: 21 \u00b0C \u2713\r\n");
        assertThat(events).containsExactly("OUTPUT:temp: 21 \u00b0C \u2713");
    }

    @Test
    void overlongLineIsFlushedSoMemoryStaysBounded() {
        feed("y".repeat(ConsoleDecoder.MAX_LINE + 10) + "\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).text()).hasSize(ConsoleDecoder.MAX_LINE);
    }

    @Test
    void backspaceEditsTheLine() {
        feed("kernx\b\u001b[Kel\r\n");
        assertThat(events).containsExactly("OUTPUT:kernel");
    }

    private static final class LogLineAssert {
        static void is(ConsoleLine line, String ts, String level, String module, String message) {
            assertThat(line.kind()).isEqualTo(Kind.LOG);
            assertThat(line.log().timestamp()).isEqualTo(ts);
            assertThat(line.log().level()).isEqualTo(level);
            assertThat(line.log().module()).isEqualTo(module);
            assertThat(line.log().message()).isEqualTo(message);
        }
    }
}
