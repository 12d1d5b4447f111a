package io.llexthil.campaign.report;

import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;
import io.llexthil.campaign.run.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The journal's failure handling: a disk that fills up mid-run must not stop the run. */
class CaseJournalTest {
    @TempDir
    Path tmp;

    /** Takes {@code room} characters, then fails every write like a full disk. */
    private static final class FillingWriter extends Writer {
        private final StringWriter kept = new StringWriter();
        private int room;

        FillingWriter(int room) { this.room = room; }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            if (len > room) throw new IOException("No space left on device");
            room -= len;
            kept.write(buf, off, len);
        }

        @Override public void flush() { }

        @Override public void close() { }
    }

    private static CaseResult passed(String name) {
        return new CaseResult(name, "g", "d", "s.yaml", CaseStatus.PASS, List.of(), Map.of(), "", Instant.now(), 3);
    }

    @Test
    void aWriteThatFailsClosesTheJournalKeepsTheReasonAndThrowsNothing() {
        RunResult run = new RunResult("fuzz", "sim", "{}", "upstream", List.of(), Map.of(), tmp, Instant.now(), 0);
        FillingWriter disk = new FillingWriter(600);
        CaseJournal journal = CaseJournal.start(run, tmp.resolve("cases.jsonl"), disk);
        journal.append(passed("one"));
        assertThat(journal.problem()).isNull();

        for (int i = 0; i < 10; i++) {
            journal.append(passed("case-" + i)); // the disk fills up somewhere here
        }
        assertThat(journal.problem()).startsWith("the case journal " + tmp.resolve("cases.jsonl") + " stopped after ")
                .endsWith(": No space left on device");
        String written = disk.kept.toString();
        assertThat(written.lines()).first().asString().contains("\"journal\":1").contains("\"command\":\"fuzz\"");
        assertThat(written).contains("\"name\":\"one\"");
        journal.close();
    }
}
