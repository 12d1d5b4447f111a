package io.llexthil.board;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What {@link HilReply#error()} says for full, terse (CONFIG_LLEXT_HIL_MESSAGES=n) and successful results. */
class HilReplyErrorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HilReply reply(int rc, String json) throws Exception {
        return new HilReply("load alpha", 3, rc, JSON.readTree(json), ResultLine.format(ResultLine.HIL, 3, rc, json), null);
    }

    @Test
    void aBoardsSentenceIsPassedOnAsItIs() throws Exception {
        assertThat(reply(-2, "{\"error\":\"no image named 'alpha'; upload it first\"}").error())
                .isEqualTo("no image named 'alpha'; upload it first");
    }

    @Test
    void anEmptyMessageNamesTheRcAndTheBuildOptionThatLeftTheTextOut() throws Exception {
        assertThat(reply(-2, "{\"error\":\"\"}").error())
                .isEqualTo("-2 (-ENOENT), no message (board built with CONFIG_LLEXT_HIL_MESSAGES=n)");
        assertThat(reply(-12, "{\"slot\":\"A\",\"restore\":-12,\"error\":\"\"}").error()).startsWith("-12 (-ENOMEM), no message");
    }

    @Test
    void aTerseArgumentNameIsKept() throws Exception {
        assertThat(reply(-22, "{\"error\":\"len\"}").error()).isEqualTo("len");
    }

    @Test
    void successHasNoError() throws Exception {
        assertThat(reply(0, "{\"name\":\"alpha\"}").error()).isEmpty();
        assertThat(reply(-2, "{\"name\":\"alpha\"}").error()).isEmpty();
    }
}
