package io.llexthil.cli;

import io.llexthil.campaign.report.CaseJournal;
import io.llexthil.campaign.report.JsonReportReader;
import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;
import io.llexthil.campaign.run.RunListener;
import io.llexthil.campaign.run.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The journal side of {@link FinishedCases}: opened late without losing a case, never stopping a run. */
class FinishedCasesTest {
    @TempDir
    Path tmp;

    private static CaseResult passed(String name) {
        return new CaseResult(name, "g", "d", "s.yaml", CaseStatus.PASS, List.of(), Map.of(), "", Instant.now(), 2);
    }

    @Test
    void aJournalThatCanOnlyBeOpenedLaterStillGetsEveryCaseInOrder() {
        AtomicInteger asked = new AtomicInteger();
        RunResult run = new RunResult("run", "pool", "{}", "upstream", List.of(), Map.of(), tmp, Instant.now(), 0);
        // as on a pool whose boards are not ready yet: no journal for the first two cases
        try (FinishedCases finished = new FinishedCases(RunListener.NONE,
                () -> asked.incrementAndGet() <= 2 ? null : CaseJournal.create(run))) {
            for (String name : List.of("a", "b", "c", "d")) {
                finished.caseDone(passed(name));
            }
            assertThat(finished.journalProblem()).isNull();
        }
        assertThat(asked).hasValue(3);
        assertThat(JsonReportReader.readJournal(tmp).run().cases()).extracting(CaseResult::name)
                .containsExactly("a", "b", "c", "d");
    }

    @Test
    void aJournalThatCannotBeOpenedIsReportedAndTheCasesStillCount() {
        List<String> heard = new java.util.ArrayList<>();
        RunListener progress = new RunListener() {
            @Override
            public void caseDone(CaseResult result) { heard.add(result.name()); }
        };
        try (FinishedCases finished = new FinishedCases(progress, () -> {
            throw new UncheckedIOException(new java.io.IOException("cannot create /x/cases.jsonl: read-only file system"));
        })) {
            finished.caseDone(passed("a"));
            finished.caseDone(passed("b"));
            assertThat(finished.journalProblem()).contains("read-only file system");
            assertThat(finished.stop()).extracting(CaseResult::name).containsExactly("a", "b");
        }
        assertThat(heard).containsExactly("a", "b");
    }
}
