package io.llexthil.campaign.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.llexthil.board.BoardClient;
import io.llexthil.board.HilReply;
import io.llexthil.campaign.facts.Facts;
import io.llexthil.campaign.twin.TwinSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a {@link StepAction} gets from the runner for one step: the board, the twin, the scenario's
 * images, the board's facts to fill in, and the runner's resets and power cuts.
 */
public interface StepRun {

    BoardClient board();

    TwinSession twin();

    /** The bytes of the image named {@code name} for this board's architecture. */
    byte[] image(String name);

    /** The board's facts for this step: the reply's rc and fields (the runner adds the state after it). */
    Facts observed();

    /** The faults armed before this step. */
    StepFaults faults();

    /** The last value of each call ({@code <ext> <symbol>}) in this scenario, for {@code expect: previous}. */
    Map<String, Long> callValues();

    /** A check of the scenario itself (not of the twin) failed on {@code field}. */
    void scenarioDifference(String field, String expected, String observed);

    /** Resets the board the way {@code spec} says and waits for its next boot. */
    void reset(ResetSpec spec);

    /**
     * Runs a save of {@code names} with a power cut armed at one of its flash operations, brings the
     * board back, judges the context it came back with (previous or new, never torn) and lets the
     * twin follow.
     */
    void powerCutSave(List<String> names);

    /** Marks this step as one that reset the board (the report's timeline shows it). */
    void markReset();

    /** The reply's rc, and its payload field {@code field} as a number when the command succeeded. */
    default void observeReply(HilReply reply, String field) {
        observed().put("rc", reply.rc());
        if (reply.ok() && reply.payload().has(field)) {
            observed().put(field, reply.payload().get(field).asLong());
        }
    }

    /** The reply's rc, and its extension names ({@code exts}) as {@code field} when the command succeeded. */
    default void observeExtensions(HilReply reply, String field) {
        observed().put("rc", reply.rc());
        if (reply.ok()) {
            List<String> names = new ArrayList<>();
            for (JsonNode n : reply.payload().path("exts")) {
                names.add(n.asText());
            }
            observed().put(field, names);
        }
    }
}
