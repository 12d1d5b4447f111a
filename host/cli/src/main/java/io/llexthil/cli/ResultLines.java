package io.llexthil.cli;

import io.llexthil.board.HilReply;
import io.llexthil.board.ResultLine;
import io.llexthil.board.ReturnCodes;

import java.util.Optional;

/**
 * The console's view of the firmware's framed result lines: {@code @@HIL|3|-22|{...}|1a2b3c4d}
 * is shown as {@code [hil #3] rc -22 (-EINVAL) {...}}; a framed line whose CRC does not match
 * is shown as it came, marked as not trustworthy; an error whose message the board's build left
 * out says so. Any other line is left alone.
 */
final class ResultLines {
    private ResultLines() { }

    static String decode(String line) {
        Optional<ResultLine> r;
        try {
            r = ResultLine.parse(ResultLine.HIL, line);
        } catch (ResultLine.MalformedResultException e) {
            return line + "   [framed line not trusted: " + e.getMessage() + "]";
        }
        return r.map(x -> "[hil #" + x.id() + "] rc " + ReturnCodes.describe(x.rc()) + (x.rc() >= 0 ? " ok " : " ") + x.json()
                        + (HilReply.messageLeftOut(x.rc(), x.json()) ? "   [" + HilReply.NO_MESSAGE + "]" : ""))
                .orElse(line);
    }
}
