package io.llexthil.campaign.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llexthil.campaign.facts.Facts;
import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;
import io.llexthil.campaign.run.Difference;
import io.llexthil.campaign.run.RunResult;
import io.llexthil.campaign.run.StepOutcome;
import io.llexthil.campaign.run.StepRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a run back from its {@code report.json} (what {@link JsonReportWriter} wrote), so runs made
 * elsewhere (CI shards) can be merged and reported again, or from its case journal
 * ({@link CaseJournal}) when the run was killed before it wrote its reports.
 */
public final class JsonReportReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonReportReader() { }

    /** A report that is missing or not an llext-hil report. */
    public static final class UnreadableReportException extends RuntimeException {
        UnreadableReportException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Reads {@code runDir/report.json}; in a run directory without one (the run was killed before
     * writing its reports), its case journal. The result's run directory is {@code runDir}.
     */
    public static RunResult read(Path runDir) {
        Path file = runDir.resolve(RunDirectory.JSON);
        if (!Files.isRegularFile(file) && Files.isRegularFile(runDir.resolve(RunDirectory.JOURNAL))) {
            return readJournal(runDir).run();
        }
        if (!Files.isRegularFile(file)) {
            throw new UnreadableReportException(runDir + ": no " + RunDirectory.JSON + " and no " + RunDirectory.JOURNAL
                    + " (is it a run directory? each run writes both)", null);
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            checkTool(file, root);
            List<CaseResult> cases = new ArrayList<>();
            for (JsonNode c : root.path("cases")) {
                cases.add(caseOf(c));
            }
            return runOf(root, cases, map(root.path("measurements")), root.path("millis").asLong(), runDir);
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * A run read from its case journal: the cases that finished, in order, and whether the last
     * line was torn (written when the process was killed; it is left out).
     */
    public record Journal(RunResult run, boolean tornLastLine) { }

    /** Reads {@code runDir/cases.jsonl} ({@link CaseJournal}). */
    public static Journal readJournal(Path runDir) {
        Path file = runDir.resolve(RunDirectory.JOURNAL);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        if (lines.isEmpty()) {
            throw new UnreadableReportException(file + ": empty (the run stopped before its first line)", null);
        }
        try {
            JsonNode head = JSON.readTree(lines.get(0));
            checkTool(file, head);
            if (!head.has(CaseJournal.FORMAT_KEY)) {
                throw new UnreadableReportException(file + ": line 1 is not a case journal's first line", null);
            }
            List<CaseResult> cases = new ArrayList<>();
            boolean torn = false;
            for (int i = 1; i < lines.size(); i++) {
                JsonNode c;
                try {
                    c = JSON.readTree(lines.get(i));
                } catch (JsonProcessingException damaged) {
                    if (i == lines.size() - 1) {
                        torn = true; // the line being written when the process died
                        break;
                    }
                    throw new UnreadableReportException(file + ":" + (i + 1) + ": not a JSON line: "
                            + damaged.getOriginalMessage(), damaged);
                }
                cases.add(caseOf(c));
            }
            Instant started = Instant.parse(head.path("started").asText());
            long millis = cases.isEmpty() ? 0 : Math.max(0, ChronoUnit.MILLIS.between(started,
                    cases.get(cases.size() - 1).started()) + cases.get(cases.size() - 1).millis());
            Map<String, Object> measurements = map(head.path("measurements"));
            measurements.put("read_from_case_journal", true);
            return new Journal(runOf(head, cases, measurements, millis, runDir), torn);
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, e);
        }
    }

    private static void checkTool(Path file, JsonNode root) {
        if (!"llext-hil".equals(root.path("tool").asText())) {
            throw new UnreadableReportException(file + ": not an llext-hil report (no \"tool\": \"llext-hil\")", null);
        }
    }

    private static UnreadableReportException unreadable(Path file, Exception e) {
        return e instanceof UnreadableReportException u ? u
                : new UnreadableReportException(file + ": cannot read the report: " + e.getMessage(), e);
    }

    private static RunResult runOf(JsonNode root, List<CaseResult> cases, Map<String, Object> measurements, long millis,
                                   Path runDir) {
        JsonNode link = root.path("board_link");
        RunResult.BoardLink boardLink = link.isObject() ? new RunResult.BoardLink(link.path("scheme").asText(),
                link.path("url").asText(), link.path("description").asText()) : null;
        JsonNode info = root.path("board_info");
        return new RunResult(root.path("command").asText(), root.path("board").asText(),
                info.isMissingNode() || info.isNull() ? "" : info.isTextual() ? info.asText() : info.toString(),
                root.path("profile").asText(), cases, measurements, runDir,
                Instant.parse(root.path("started").asText()), millis, boardLink);
    }

    private static CaseResult caseOf(JsonNode c) {
        List<StepRecord> steps = new ArrayList<>();
        for (JsonNode s : c.path("steps")) {
            List<Difference> diffs = new ArrayList<>();
            int index = s.path("index").asInt();
            String label = s.path("label").asText();
            List<String> excerpt = texts(s.path("transcript"));
            for (JsonNode d : s.path("differences")) {
                diffs.add(new Difference(index, label, d.path("field").asText(), d.path("source").asText(),
                        d.path("expected").asText(), d.path("observed").asText(), excerpt));
            }
            steps.add(new StepRecord(index, label, s.path("kind").asText(), enumOf(StepOutcome.class, s.path("outcome")),
                    facts(s.path("predicted")), facts(s.path("observed")), diffs,
                    s.hasNonNull("error") ? s.path("error").asText() : null, s.path("epoch").asInt(),
                    s.path("reset").asBoolean(), Instant.parse(s.path("started").asText()), s.path("millis").asLong(), excerpt));
        }
        return new CaseResult(c.path("name").asText(), c.path("group").asText(), c.path("description").asText(),
                c.path("source").asText(), enumOf(CaseStatus.class, c.path("status")), steps, map(c.path("measurements")),
                c.path("message").asText(), Instant.parse(c.path("started").asText()), c.path("millis").asLong());
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, JsonNode n) {
        return Enum.valueOf(type, n.asText().toUpperCase(Locale.ROOT));
    }

    private static Facts facts(JsonNode n) {
        Facts f = new Facts();
        n.fields().forEachRemaining(e -> f.put(e.getKey(), e.getValue().asText()));
        return f;
    }

    private static List<String> texts(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode n) {
        return n.isObject() ? JSON.convertValue(n, LinkedHashMap.class) : new LinkedHashMap<>();
    }
}
