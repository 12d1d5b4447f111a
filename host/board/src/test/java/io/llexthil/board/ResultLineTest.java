package io.llexthil.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResultLineTest {

    @Test
    void crcIsZlibCrc32OfIdRcJson() throws Exception {
        // zlib.crc32(b"123456789") == 0xcbf43926, the standard check value of CRC-32/IEEE
        assertThat(ResultLine.crc32Hex("123456789")).isEqualTo("cbf43926");
        String line = ResultLine.format(ResultLine.HIL, 17, -22, "{\"error\":\"bad | arg\"}");
        ResultLine r = ResultLine.parse(ResultLine.HIL, line).orElseThrow();
        assertThat(r.id()).isEqualTo(17);
        assertThat(r.rc()).isEqualTo(-22);
        assertThat(r.json().path("error").asText()).isEqualTo("bad | arg");
    }

    @Test
    void linesWithoutTheTagAreNotResults() throws Exception {
        assertThat(ResultLine.parse(ResultLine.HIL, "uart:~$ hil @3 info")).isEmpty();
        assertThat(ResultLine.parse(ResultLine.HIL, ResultLine.format(ResultLine.UPL, 1, 0, "{}"))).isEmpty();
    }

    @Test
    void aFlippedCharacterIsRejectedByTheCrc() {
        String line = ResultLine.format(ResultLine.HIL, 5, 0, "{\"value\":1234}").replace("1234", "1235");
        assertThatThrownBy(() -> ResultLine.parse(ResultLine.HIL, line))
                .isInstanceOf(ResultLine.MalformedResultException.class)
                .hasMessageContaining("CRC mismatch");
    }

    @Test
    void truncatedLinesAreMalformed() {
        assertThatThrownBy(() -> ResultLine.parse(ResultLine.HIL, "@@HIL|5|0"))
                .isInstanceOf(ResultLine.MalformedResultException.class);
    }

    @Test
    void readOnlyCommandsAreExactlyTheQueries() {
        assertThat(ReadOnlyCommands.isReadOnly("info")).isTrue();
        assertThat(ReadOnlyCommands.isReadOnly("state")).isTrue();
        assertThat(ReadOnlyCommands.isReadOnly("ctx info")).isTrue();
        assertThat(ReadOnlyCommands.isReadOnly("upload list")).isTrue();
        assertThat(ReadOnlyCommands.isReadOnly("fault")).isTrue();
        assertThat(ReadOnlyCommands.isReadOnly("fault clear")).isFalse();
        assertThat(ReadOnlyCommands.isReadOnly("ctx save")).isFalse();
        assertThat(ReadOnlyCommands.isReadOnly("ctx info extra")).isFalse();
        assertThat(ReadOnlyCommands.isReadOnly("load x")).isFalse();
        assertThat(ReadOnlyCommands.isReadOnly("reset")).isFalse();
    }
}
