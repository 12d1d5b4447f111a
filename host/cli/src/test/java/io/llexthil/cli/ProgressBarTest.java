package io.llexthil.cli;

import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;
import io.llexthil.campaign.run.RunListener;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Progress shows the real total, or an honest "k done" when a sweep's length is not known in advance. */
class ProgressBarTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "sweep-alloc", false);

    private static CaseResult result(String name) {
        return new CaseResult(name, "sweep-alloc", "", "", CaseStatus.PASS, List.of(), Map.of(), "", Instant.now(), 1);
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSweepOfUnknownLengthCountsWhatIsDone() {
        bar.caseDone(result("alloc-setup"));            // before any point started: no "1/0"
        bar.caseStarted("alloc k=1", 1, RunListener.UNKNOWN_TOTAL);
        bar.caseDone(result("alloc k=1"));
        assertThat(text()).isEqualTo("sweep-alloc 1 done: alloc-setup PASS\nsweep-alloc 2 done: alloc k=1 PASS\n");
    }

    @Test
    void aRunOfKnownLengthShowsItsTotal() {
        bar.caseStarted("a", 0, 2);
        bar.caseDone(result("a"));
        assertThat(text()).isEqualTo("sweep-alloc 1/2: a PASS\n");
    }
}
