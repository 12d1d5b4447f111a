package io.llexthil.campaign;

import io.llexthil.campaign.scenario.CallAction;
import io.llexthil.campaign.scenario.EraseAction;
import io.llexthil.campaign.scenario.ExpectValue;
import io.llexthil.campaign.scenario.LoadAction;
import io.llexthil.campaign.scenario.ResetAction;
import io.llexthil.campaign.scenario.ResetKind;
import io.llexthil.campaign.scenario.ResetSpec;
import io.llexthil.campaign.scenario.RestoreAction;
import io.llexthil.campaign.scenario.SaveAction;
import io.llexthil.campaign.scenario.ScenarioLoader;
import io.llexthil.campaign.scenario.SleepAction;
import io.llexthil.campaign.scenario.StateAction;
import io.llexthil.campaign.scenario.StepAction;
import io.llexthil.campaign.scenario.StepSyntax;
import io.llexthil.campaign.scenario.UnloadAction;
import io.llexthil.campaign.scenario.UploadAction;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every step kind: registered once, written back as YAML it reads again, labelled as docs/scenarios.md says. */
class StepActionTest {

    /** One action of every kind, with the label reports show for it. */
    private static final Map<StepAction, String> EXAMPLES = Map.ofEntries(
            Map.entry(new UploadAction(List.of("producer", "consumer")), "upload producer,consumer"),
            Map.entry(new LoadAction("producer"), "load producer"),
            Map.entry(new UnloadAction("producer"), "unload producer"),
            Map.entry(new CallAction("counter", "counter_next", ExpectValue.parse("previous+1")), "call counter counter_next"),
            Map.entry(new StateAction(List.of("producer")), "state"),
            Map.entry(new StateAction(null), "state"),
            Map.entry(new SaveAction(List.of()), "save (all)"),
            Map.entry(new SaveAction(List.of("consumer", "producer")), "save consumer,producer"),
            Map.entry(new RestoreAction(List.of(1, 0)), "restore order [1, 0]"),
            Map.entry(new ResetAction(ResetSpec.of(ResetKind.DTR)), "reset dtr"),
            Map.entry(new ResetAction(new ResetSpec(ResetKind.POWERCUT, null, 4, 100, null)), "reset powercut at flash op 4"),
            Map.entry(new EraseAction(), "erase"),
            Map.entry(new SleepAction(250), "sleep 250 ms"));

    @Test
    void everyKindIsRegisteredOnceAndHasAnExample() {
        List<String> keys = StepAction.syntaxes().stream().map(StepSyntax::key).toList();
        assertThat(keys).doesNotHaveDuplicates().hasSize(StepAction.class.getPermittedSubclasses().length);
        assertThat(EXAMPLES.keySet()).extracting(StepAction::key).containsAll(keys);
        assertThat(Arrays.stream(StepAction.class.getPermittedSubclasses()).map(Class::getSimpleName))
                .allSatisfy(name -> assertThat(EXAMPLES.keySet()).anyMatch(a -> a.getClass().getSimpleName().equals(name)));
    }

    @Test
    void writtenYamlReadsBackToTheSameAction() {
        EXAMPLES.keySet().forEach(action -> {
            String yaml = "name: x\nsteps:\n  - " + action.key() + ": " + action.yaml() + "\n";
            assertThat(ScenarioLoader.parse(yaml, "x.yaml", null).steps().get(0).action()).as(yaml).isEqualTo(action);
        });
    }

    @Test
    void labels() {
        EXAMPLES.forEach((action, label) -> assertThat(action.label()).isEqualTo(label));
    }
}
