package io.llexthil.campaign;

import io.llexthil.campaign.fuzz.SequenceGenerator;
import io.llexthil.campaign.fuzz.Shrinker;
import io.llexthil.campaign.scenario.EraseAction;
import io.llexthil.campaign.scenario.LoadAction;
import io.llexthil.campaign.scenario.ResetAction;
import io.llexthil.campaign.scenario.ResetSpec;
import io.llexthil.campaign.scenario.RestoreAction;
import io.llexthil.campaign.scenario.SaveAction;
import io.llexthil.campaign.scenario.StateAction;
import io.llexthil.campaign.scenario.Step;
import io.llexthil.campaign.scenario.StepFaults;
import io.llexthil.campaign.scenario.UnloadAction;
import io.llexthil.campaign.scenario.UploadAction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class ShrinkerTest {

    /** "Fails" when a restore follows a save of consumer with no reset of... simply: save, later restore. */
    private static final Predicate<List<Step>> SAVE_THEN_RESTORE = steps -> {
        boolean saved = false;
        for (Step s : steps) {
            if (s.action() instanceof SaveAction) {
                saved = true;
            }
            if (s.action() instanceof RestoreAction && saved) {
                return true;
            }
        }
        return false;
    };

    @Test
    void shrinksToTheMinimalFailingSequence() {
        List<Step> steps = new ArrayList<>(List.of(Step.of(new UploadAction(List.of("producer"))), Step.of(new LoadAction("producer")),
                Step.of(new LoadAction("consumer")), Step.of(new UnloadAction("consumer")), Step.of(new SaveAction(List.of())), Step.of(new LoadAction("counter")),
                Step.of(new ResetAction(ResetSpec.shell())), Step.of(new EraseAction()), Step.of(new LoadAction("producer")),
                Step.of(new RestoreAction(List.of())).withFaults(new StepFaults(3, 0)), Step.of(new StateAction(null))));
        Shrinker shrinker = new Shrinker(500);
        List<Step> minimal = shrinker.shrink(steps, SAVE_THEN_RESTORE);
        assertThat(minimal).extracting(Step::kind).containsExactly("upload", "save", "restore");
        assertThat(minimal.get(2).fault().any()).as("the fault is not needed to fail, so it is dropped").isFalse();
        assertThat(SAVE_THEN_RESTORE.test(minimal)).isTrue();
        assertThat(shrinker.attempts()).isPositive();
    }

    @Test
    void keepsTheFaultWhenItIsNeeded() {
        Predicate<List<Step>> needsFault = steps -> steps.stream().anyMatch(s -> s.action() instanceof RestoreAction && s.fault().alloc() == 3);
        List<Step> steps = List.of(Step.of(new UploadAction(List.of("a"))), Step.of(new LoadAction("a")), Step.of(new SaveAction(List.of())),
                Step.of(new RestoreAction(List.of())).withFaults(new StepFaults(3, 0)));
        assertThat(new Shrinker(100).shrink(steps, needsFault)).extracting(Step::kind)
                .containsExactly("upload", "restore");
    }

    @Test
    void respectsTheAttemptBudget() {
        List<Step> steps = new SequenceGenerator(SequenceGenerator.DEFAULT_POOL, 30, 30).generate(7);
        Shrinker shrinker = new Shrinker(5);
        shrinker.shrink(steps, s -> true);
        assertThat(shrinker.attempts()).isLessThanOrEqualTo(5);
    }

    @Test
    void generatorIsDeterministicPerSeed() {
        SequenceGenerator g = new SequenceGenerator(SequenceGenerator.DEFAULT_POOL, 5, 20);
        assertThat(g.generate(42)).extracting(Step::describe).isEqualTo(g.generate(42).stream().map(Step::describe).toList());
        assertThat(g.generate(42)).extracting(Step::describe).isNotEqualTo(g.generate(43).stream().map(Step::describe).toList());
        assertThat(g.generate(42).get(0).kind()).isEqualTo("upload");
    }
}
