package io.llexthil.twin;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explorer's findings for --max-ext 4 are checked in, so any change of the model's behaviour
 * shows up in review as a diff of src/test/resources/explorer-findings-n4.json. After an
 * intended change, regenerate it with
 * {@code java -cp <classpath> io.llexthil.twin.TwinMain explore --max-ext 4 --json > host/twin/src/test/resources/explorer-findings-n4.json}
 * (docs/twin.md shows the full command).
 */
class ExplorerGoldenTest {

    @Test
    void findings_for_four_extensions_match_the_checked_in_golden_file() throws IOException {
        String actual = TwinJson.write(new Explorer(4).run()) + "\n";
        String golden;
        try (InputStream in = getClass().getResourceAsStream("/explorer-findings-n4.json")) {
            assertThat(in).as("golden file on the test classpath").isNotNull();
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(golden);
    }

    @Test
    void every_smallest_scenario_replays_to_its_finding() {
        Explorer.Report report = new Explorer(3).run();
        assertThat(report.findings()).isNotEmpty();
        for (Explorer.FindingSummary f : report.findings()) {
            Scenario s = TwinJson.readScenario(TwinJson.write(f.smallest()));
            Outcome up = Twin.predict(s, Profile.UPSTREAM);
            Outcome co = Twin.predict(s, Profile.CONTRACT);
            int preloaded = s.preloadedOrNone().size();
            assertThat(FindingDetector.detect(up, co, preloaded)).extracting(Finding::id)
                    .as("replay of %s", f.finding()).contains(f.finding());
        }
    }

    @Test
    void the_contract_self_check_never_fires() {
        assertThat(new Explorer(4).run().findings()).extracting(Explorer.FindingSummary::finding)
                .doesNotContain(Finding.CONTRACT_SELF_CHECK.id());
    }
}
