package io.llexthil.twin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The explorer's fast path observes exactly what a full prediction shows. */
class ObservationTest {

    @Test
    void fast_path_and_full_outcome_give_the_same_observation() {
        RandomScenarios gen = new RandomScenarios(77L);
        int compared = 0;
        for (int run = 0; run < 2000; run++) {
            Scenario s = gen.next(true, true, false).scenario();
            for (Profile p : Profile.values()) {
                Outcome full = Twin.predict(s, p);
                if (!full.stage().equals("restore")) {
                    continue;
                }
                Observation fast = Explorer.observe(s, Explorer.savedContext(s, p), p);
                assertThat(fast).as(p + " " + TwinJson.writeCompact(s)).isEqualTo(Observation.of(full));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(3000);
    }
}
