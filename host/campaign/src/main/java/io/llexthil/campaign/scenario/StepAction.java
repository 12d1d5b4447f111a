package io.llexthil.campaign.scenario;

import io.llexthil.campaign.facts.Facts;
import io.llexthil.campaign.twin.TwinResult;

import java.util.List;

/**
 * What one kind of step does, in one place: its YAML ({@link #syntaxes()} parses it,
 * {@link #yaml()} writes it back), its label, the twin's prediction ({@link #predict}) and the
 * command on the board ({@link #perform}). The loader, the writer, the runner, the fuzzer and the shrinker
 * know no kind by name; a new kind is a record here, its line in {@link #syntaxes()} and in
 * {@code permits}, and its section in docs/scenarios.md.
 */
public sealed interface StepAction permits UploadAction, LoadAction, UnloadAction, CallAction, StateAction,
        SaveAction, RestoreAction, ResetAction, EraseAction, SleepAction {

    /** Every kind's YAML key and parser, in the order docs/scenarios.md lists them. */
    static List<StepSyntax> syntaxes() {
        return List.of(
                StepSyntax.of(UploadAction.KEY, UploadAction::parse),
                StepSyntax.of(LoadAction.KEY, LoadAction::parse),
                StepSyntax.of(UnloadAction.KEY, UnloadAction::parse),
                StepSyntax.of(CallAction.KEY, CallAction::parse, CallAction.EXPECT),
                StepSyntax.of(StateAction.KEY, StateAction::parse),
                StepSyntax.of(SaveAction.KEY, SaveAction::parse),
                StepSyntax.of(RestoreAction.KEY, RestoreAction::parse),
                StepSyntax.of(ResetAction.KEY, ResetAction::parse),
                StepSyntax.of(EraseAction.KEY, EraseAction::parse),
                StepSyntax.of(SleepAction.KEY, SleepAction::parse));
    }

    /** The YAML key that names this kind. */
    String key();

    /** The step's label when the scenario gives none, e.g. {@code save consumer,producer}. */
    String label();

    /** The value after {@code <key>: } that {@link #syntaxes()} reads back to an equal action. */
    String yaml();

    /**
     * The same operation in the twin, before the board runs it: the twin's prediction. (It is made
     * first so that a board that crashes during {@link #perform} is compared with it.)
     */
    TwinResult predict(StepRun run);

    /**
     * The step's command on the board; what the board answered goes into {@link StepRun#observed()}.
     * The runner arms and clears the step's faults, then reads and compares the state.
     */
    void perform(StepRun run);

    /** The extension names this step names (each needs an image and a name that fits the board). */
    default List<String> extensions() { return List.of(); }

    /** The runner also reads and compares {@code ctx info} after this step. */
    default boolean touchesContext() { return false; }

    /** Runs a test-only command ({@code ctx erase}, {@code fault ...}): a field build cannot. */
    default boolean usesTestCommands() { return false; }

    /** A fault on the flash ({@code fault: {flash: n}}) belongs on this kind of step. */
    default boolean takesFlashFault() { return false; }

    /** The shrinker keeps this step: the rest of any sequence needs it (the images). */
    default boolean keptWhenShrinking() { return false; }

    /** The scenario's own checks once the board's state after the step is in {@code observed}. */
    default void checkAfter(Facts observed, StepRun run) { }
}
