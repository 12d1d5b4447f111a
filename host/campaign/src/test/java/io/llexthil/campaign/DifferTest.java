package io.llexthil.campaign;

import io.llexthil.campaign.facts.Facts;
import io.llexthil.campaign.run.Differ;
import io.llexthil.campaign.run.Difference;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DifferTest {

    private static Facts facts(Object... kv) {
        Facts f = new Facts();
        for (int i = 0; i < kv.length; i += 2) {
            f.put((String) kv[i], kv[i + 1]);
        }
        return f;
    }

    @Test
    void agreementHasNoDifferences() {
        Facts p = facts("rc", 0, "crash", false, "list", List.of("producer", "consumer"), "heap.used", 520);
        Facts o = facts("rc", 0, "crash", false, "list", List.of("producer", "consumer"), "heap.used", 520, "ctx.A.seq", 3);
        assertThat(Differ.diff(1, "load", p, o, List.of())).isEmpty();
    }

    @Test
    void divergenceNamesFieldExpectedAndObserved() {
        Facts p = facts("rc", -22, "crash", false, "list", List.of());
        Facts o = facts("rc", 0, "crash", false, "list", List.of("consumer", "producer"));
        List<Difference> d = Differ.diff(5, "restore", p, o, List.of("uart:~$ hil ctx restore"));
        assertThat(d).extracting(Difference::field).containsExactly("rc", "list");
        assertThat(d.get(0).expected()).isEqualTo("-22");
        assertThat(d.get(0).observed()).isEqualTo("0");
        assertThat(d.get(0).excerpt()).containsExactly("uart:~$ hil ctx restore");
        assertThat(d.get(0).oneLine()).isEqualTo("step 5 (restore): rc: expected -22 (twin), observed 0");
    }

    @Test
    void leakIsADivergence() {
        Facts p = facts("crash", false, "heap.used", 400);
        Facts o = facts("crash", false, "heap.used", 416);
        assertThat(Differ.diff(0, "restore", p, o, List.of())).singleElement()
                .satisfies(x -> assertThat(x.field()).isEqualTo("heap.used"));
    }

    @Test
    void predictedAndObservedCrashIsAnAgreement() {
        Facts p = facts("crash", true, "rc", -14);
        Facts o = facts("crash", true);
        assertThat(Differ.diff(0, "restore", p, o, List.of())).isEmpty();
    }

    @Test
    void unpredictedCrashIsADivergence() {
        Facts p = facts("crash", false, "rc", 0, "heap.used", 100);
        Facts o = facts("crash", true);
        assertThat(Differ.diff(0, "unload", p, o, List.of())).singleElement().satisfies(x -> {
            assertThat(x.field()).isEqualTo("crash");
            assertThat(x.expected()).isEqualTo("false");
            assertThat(x.observed()).isEqualTo("true");
        });
    }

    @Test
    void predictedCrashThatDidNotHappenIsADivergence() {
        Facts p = facts("crash", true);
        Facts o = facts("crash", false, "rc", 0);
        assertThat(Differ.diff(0, "restore", p, o, List.of())).extracting(Difference::field).containsExactly("crash");
    }

    @Test
    void extensionOnlyTheBoardListsIsReported() {
        Facts p = facts("crash", false, "list", List.of("producer"), Facts.extKey("producer", 1, "use_count"), 1);
        Facts o = facts("crash", false, "list", List.of("producer", "producer"), Facts.extKey("producer", 1, "use_count"), 1,
                Facts.extKey("producer", 2, "use_count"), 1);
        assertThat(Differ.diff(0, "restore", p, o, List.of())).extracting(Difference::field)
                .containsExactly("list", "ext.producer#2.use_count");
    }

    @Test
    void predictedFieldTheBoardDidNotReportIsADivergence() {
        Facts p = facts("crash", false, "use_count", 2);
        Facts o = facts("crash", false);
        assertThat(Differ.diff(0, "load", p, o, List.of())).singleElement()
                .satisfies(x -> assertThat(x.observed()).isEqualTo(Difference.ABSENT));
    }
}
