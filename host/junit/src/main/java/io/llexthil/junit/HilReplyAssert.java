package io.llexthil.junit;

import io.llexthil.board.ReturnCodes;

import com.fasterxml.jackson.databind.JsonNode;
import io.llexthil.board.HilReply;
import org.assertj.core.api.AbstractAssert;

/** Assertions on one HIL command's result; failure messages quote the command and its result line. */
public final class HilReplyAssert extends AbstractAssert<HilReplyAssert, HilReply> {

    HilReplyAssert(HilReply actual) {
        super(actual, HilReplyAssert.class);
    }

    /** The command succeeded (rc 0). */
    public HilReplyAssert succeeded() {
        isNotNull();
        if (!actual.ok()) {
            failWithMessage("Expecting 'hil %s' to succeed but it failed with rc %s: %s%n  result line: %s",
                    actual.command(), ReturnCodes.describe(actual.rc()), actual.error(), actual.line());
        }
        return this;
    }

    /** The command failed with exactly this return code, e.g. {@code failedWith(-12)} for -ENOMEM. */
    public HilReplyAssert failedWith(int expectedRc) {
        isNotNull();
        if (expectedRc >= 0) {
            throw new IllegalArgumentException("failedWith takes a negative errno such as -12, got " + expectedRc);
        }
        if (actual.rc() != expectedRc) {
            failWithMessage("Expecting 'hil %s' to fail with rc %s but it %s%n  result line: %s",
                    actual.command(), ReturnCodes.describe(expectedRc),
                    actual.ok() ? "succeeded" : "failed with rc " + ReturnCodes.describe(actual.rc()) + ": " + actual.error(),
                    actual.line());
        }
        return this;
    }

    /** The command failed with any negative return code. */
    public HilReplyAssert failed() {
        isNotNull();
        if (actual.ok()) {
            failWithMessage("Expecting 'hil %s' to fail but it succeeded%n  result line: %s",
                    actual.command(), actual.line());
        }
        return this;
    }

    /** A {@code hil call} result: succeeded and returned {@code expected}. */
    public HilReplyAssert returnedValue(long expected) {
        succeeded();
        JsonNode value = actual.payload().path("value");
        if (!value.isIntegralNumber() || value.asLong() != expected) {
            failWithMessage("Expecting 'hil %s' to return %s but it returned %s%n  result line: %s",
                    actual.command(), expected, value.isMissingNode() ? "no value" : value.toString(), actual.line());
        }
        return this;
    }
}
