package io.llexthil.junit;

import io.llexthil.board.HilReply;
import io.llexthil.board.LlextState;

/**
 * Entry point of the domain assertions, built on AssertJ:
 * <pre>{@code
 * assertThat(board.load("consumer")).succeeded();
 * assertThat(board.ctxRestore(List.of())).failedWith(-12);
 * assertThat(board.state()).hasExtensions("producer", "consumer")
 *         .extension("consumer").dependsOn("producer");
 * }</pre>
 * Static-import it next to AssertJ's {@code Assertions.assertThat}: these overloads are the more
 * specific ones for replies and states.
 */
public final class HilAssertions {
    private HilAssertions() { }

    public static HilReplyAssert assertThat(HilReply reply) {
        return new HilReplyAssert(reply);
    }

    public static LlextStateAssert assertThat(LlextState state) {
        return new LlextStateAssert(state);
    }
}
