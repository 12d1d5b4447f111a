package io.llexthil.cli;

import io.llexthil.board.ResultLine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The console decodes result lines and, with --read-only, sends nothing that could change the board. */
class ConsoleLinesTest {
    @Test
    void resultLinesAreDecoded() {
        String ok = ResultLine.format(ResultLine.HIL, 3, 0, "{\"heap\":1}");
        assertThat(ResultLines.decode(ok)).isEqualTo("[hil #3] rc 0 ok {\"heap\":1}");
        String failed = ResultLine.format(ResultLine.HIL, 4, -22, "{\"error\":\"bad\"}");
        assertThat(ResultLines.decode(failed)).isEqualTo("[hil #4] rc -22 (-EINVAL) {\"error\":\"bad\"}");
        assertThat(ResultLines.decode("uart:~$ hil info")).isEqualTo("uart:~$ hil info");
        // a board built with CONFIG_LLEXT_HIL_MESSAGES=n: the console says why the message is empty
        String terse = ResultLine.format(ResultLine.HIL, 5, -2, "{\"error\":\"\"}");
        assertThat(ResultLines.decode(terse))
                .isEqualTo("[hil #5] rc -2 (-ENOENT) {\"error\":\"\"}   [no message (board built with CONFIG_LLEXT_HIL_MESSAGES=n)]");
        String mangled = ok.substring(0, ok.length() - 1) + (ok.endsWith("0") ? "1" : "0");
        assertThat(ResultLines.decode(mangled)).startsWith(mangled).contains("[framed line not trusted: CRC mismatch");
    }

    @Test
    void readOnlyRefusesRebootsAndWrites() {
        for (String refused : new String[] {"kernel reboot cold", "kernel  reboot warm", "hil ctx erase", "hil load producer",
                "hil reset", "llext unload producer", "flash erase 0 4096"}) {
            assertThat(ReadOnlyConsole.refusal(refused)).as(refused).isNotNull()
                    .startsWith("console --read-only: '").contains("refused").endsWith("leave out --read-only to send it");
        }
        for (String allowed : new String[] {"hil info", "hil state", "hil ctx info", "kernel version", "help", "  ", "llext list"}) {
            assertThat(ReadOnlyConsole.refusal(allowed)).as(allowed).isNull();
        }
    }
}
