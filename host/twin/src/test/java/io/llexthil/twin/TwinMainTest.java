package io.llexthil.twin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TwinMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return TwinMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void predict_prints_the_outcome_of_a_scenario_file(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.json");
        Files.writeString(file, TwinJson.write(Fixtures.prodCons(java.util.List.of(1, 0), null)));
        assertThat(run("predict", file.toString())).isZero();
        Outcome o = TwinJson.readOutcome(out.toString(StandardCharsets.UTF_8));
        assertThat(o.rc()).isEqualTo(-Errno.EINVAL);
        assertThat(o.classification()).isEqualTo("heap-corruption");
    }

    @Test
    void explore_prints_findings_and_the_time_it_took() {
        assertThat(run("explore", "--max-ext", "2")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("dependency-on-last-rejected");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("explore --max-ext 2:").contains(" ms");
    }

    @Test
    void bad_usage_and_bad_files_fail_with_a_message(@TempDir Path dir) {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:");
        assertThat(run("predict", dir.resolve("missing.json").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read scenario");
    }
}
