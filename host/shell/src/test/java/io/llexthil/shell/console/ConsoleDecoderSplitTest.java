package io.llexthil.shell.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A console stream split into two reads at any byte decodes exactly as the same stream in one
 * read: the same lines and the same prompt sightings in the same order. The streams are what a
 * real Zephyr shell with coloured logs prints; the split points that matter most are inside
 * escape sequences ({@code \e[1;31m} torn after {@code \e[1}) and right after a prompt that
 * is then overwritten.
 */
class ConsoleDecoderSplitTest {

    /** Decodes the reads in order and returns lines and prompts as one event list. */
    private static List<String> decode(byte[]... reads) {
        List<String> events = new ArrayList<>();
        ConsoleDecoder decoder = new ConsoleDecoder(ConsolePatterns.zephyrDefaults(), new ConsoleListener() {
            @Override public void onLine(ConsoleLine line) {
                String log = line.log() == null ? ""
                        : "|" + line.log().level() + "|" + line.log().module() + "|" + line.log().message();
                events.add(line.kind() + (line.overwritten() ? "~" : "") + ":" + line.text() + log);
            }

            @Override public void onPrompt() { events.add("PROMPT"); }
        });
        for (byte[] read : reads) decoder.feed(read);
        return events;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // a coloured error log line (Zephyr's log_output: timestamp, then the level's colour)
        "[00:00:01.234,000] \u001b[1;31m<err> llext: Failed to allocate memory\u001b[0m\r\n",
        // a warning, then the coloured prompt
        "\u001b[1;33m<wrn> flash: slow\u001b[0m\r\n\u001b[1;32muart:~$ \u001b[m",
        // the shell erases the typed line, prints a coloured log and redraws prompt + input
        "\u001b[1;32muart:~$ \u001b[mhil @3 in\r\u001b[2K[00:00:02.000,000] \u001b[1;31m<err> os: boom\u001b[0m\r\n"
                + "\u001b[1;32muart:~$ \u001b[mhil @3 in",
        // a result line after the echoed command, then the prompt without a newline
        "hil @7 info\r\n@@HIL|7|0|{\"fw\":\"0.1.0\"}|1a2b3c4d\r\n\u001b[1;32muart:~$ \u001b[m",
        // cursor moves with two-digit parameters, used when the shell redraws a long line
        "\u001b[1;32muart:~$ \u001b[mabcdef\u001b[12D\u001b[J\u001b[1;31m<err> app: x\u001b[0m\r\n",
        // a prompt overwritten after a cursor move back: it appeared whether or not the read ended after it
        "uart:~$ \u001b[1Gboot text\r\n",
        "uart:~$ \b@@HIL|1|0|{}|abcd\r\n",
        "\u001b7uart:~$ \u001b8\u00b0C\r\n"
    })
    void everySplitPointDecodesAsOneRead(String stream) {
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        assertThat(decode(bytes)).isNotEmpty();
        assertSplitsAgree(bytes);
    }

    /** Random streams of the pieces a Zephyr console is made of, seeded so a failure replays. */
    @Test
    void randomStreamsOfConsolePiecesDecodeTheSameAtEverySplit() {
        String[] pieces = {"uart:~$ ", "uart:", "~$ ", "\u001b[1;32m", "\u001b[m", "\u001b[1;31m", "\u001b[0m",
            "\u001b[1", ";31m", "\u001b", "[", "m", "<err> os: x", "[00:00:01.000,000] ", "hil @1 info", "\r",
            "\n", "\r\n", "\u001b[2K", "\u001b[J", "\u001b[K", "\u001b[8D", "\u001b[1G", "\u001b7", "\u001b8",
            "\b", "@@HIL|1|0|{}|abcd", "*** Booting Zephyr OS build v3.5.99 ***", "\u00b0", "\u001b]0;t\u0007",
            "\u001b]", "\u001b\\", "\u001b(B", "\u001b[?25l"};
        Random random = new Random(20261205);
        for (int round = 0; round < 3000; round++) {
            StringBuilder stream = new StringBuilder();
            for (int n = 1 + random.nextInt(8); n > 0; n--) stream.append(pieces[random.nextInt(pieces.length)]);
            assertSplitsAgree(stream.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void assertSplitsAgree(byte[] bytes) {
        List<String> whole = decode(bytes);
        for (int split = 1; split < bytes.length; split++) {
            byte[] first = Arrays.copyOfRange(bytes, 0, split);
            byte[] second = Arrays.copyOfRange(bytes, split, bytes.length);
            assertThat(decode(first, second)).as("split after \"%s\"", printable(first))
                    .isEqualTo(whole);
        }
    }

    private static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) sb.append(TailBytes.escape(b));
        return sb.toString();
    }
}
