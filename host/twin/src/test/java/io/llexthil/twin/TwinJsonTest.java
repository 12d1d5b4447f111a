package io.llexthil.twin;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TwinJsonTest {

    @Test
    void scenario_defaults_fill_in_what_is_left_out() {
        Scenario s = TwinJson.readScenario("""
                {"extensions":[{"name":"a","exports":["f"]},{"name":"b","imports":["f"],"sections":9}],
                 "faults":{"allocFailsAt":3}}""");
        assertThat(s.targetOrDefault()).isEqualTo(TargetSizes.CORTEX_M);
        assertThat(s.heapOrDefault()).isEqualTo(16384);
        assertThat(s.extensions().get(0).sections()).isEqualTo(ExtensionSpec.DEFAULT_SECTIONS);
        assertThat(s.beforeOrAll()).containsExactly("a", "b");
        assertThat(s.saved()).isNull();
        assertThat(s.faultsOrNone()).isEqualTo(new FaultSpec(3, 0));
    }

    @Test
    void scenario_round_trips() {
        Scenario s = new Scenario(TargetSizes.X86_64, 4096, List.of(Fixtures.PROD, Fixtures.CONS), null,
                List.of("prod", "cons"), List.of(), List.of(1, 0), null, FaultSpec.failAt(2));
        assertThat(TwinJson.readScenario(TwinJson.write(s))).isEqualTo(s);
        List<SavedCopy> copies = List.of(new SavedCopy("a", 2, 3, List.of("f"), List.of()),
                new SavedCopy("b", 1, 1, List.of(), List.of(0, -1)));
        Scenario raw = new Scenario(null, null, null, null, null, null, List.of(0, 1), copies, null);
        assertThat(TwinJson.readScenario(TwinJson.write(raw))).isEqualTo(raw);
    }

    @Test
    void outcome_round_trips_with_hex_addresses() {
        Outcome o = Twin.predict(Fixtures.prodCons(List.of(1, 0), null), Profile.UPSTREAM);
        String json = TwinJson.write(o);
        assertThat(json).contains("\"address\" : \"0x2010");
        assertThat(TwinJson.readOutcome(json)).isEqualTo(o);
    }

    @Test
    void bad_scenarios_are_rejected_with_a_reason() {
        assertThatThrownBy(() -> TwinJson.readScenario("{\"extension\":[]}"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("extension");
        assertThatThrownBy(() -> TwinJson.readScenario("{\"target\":{\"llext\":208,\"sect_map\":8,\"symbol\":8,\"ptr\":2}}"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("ptr 4 or 8");
        assertThatThrownBy(() -> TwinJson.readScenario("{\"copies\":[{\"name\":\"a\",\"deps\":[0,0,0,0,0,0,0,0,0]}]}"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("8 slots");
        Scenario undefined = TwinJson.readScenario("{\"extensions\":[],\"before\":[\"ghost\"]}");
        assertThatThrownBy(() -> Twin.predict(undefined, Profile.UPSTREAM))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("'ghost'");
    }
}
