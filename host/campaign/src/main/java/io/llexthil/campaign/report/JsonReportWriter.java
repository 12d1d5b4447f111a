package io.llexthil.campaign.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llexthil.campaign.facts.Facts;
import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;
import io.llexthil.campaign.run.Difference;
import io.llexthil.campaign.run.RunResult;
import io.llexthil.campaign.run.StepRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** {@code report.json}: every case, step, fact (both sides), difference and measurement. */
public final class JsonReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReportWriter() { }

    public static void write(RunResult run, Path file) throws IOException {
        JSON.writeValue(file.toFile(), tree(run));
    }

    public static ObjectNode tree(RunResult run) {
        ObjectNode root = header(run);
        ObjectNode totals = root.putObject("totals");
        totals.put("cases", run.cases().size());
        for (var s : CaseStatus.values()) {
            totals.put(s.name().toLowerCase(java.util.Locale.ROOT), run.count(s));
        }
        putMap(root.putObject("measurements"), run.measurements());
        ArrayNode cases = root.putArray("cases");
        for (CaseResult c : run.cases()) {
            cases.add(caseNode(c));
        }
        return root;
    }

    /** What a run is (tool, command, board, its info and link, profile, start): report.json's head, the journal's first line. */
    static ObjectNode header(RunResult run) {
        ObjectNode root = JSON.createObjectNode();
        root.put("tool", "llext-hil");
        root.put("command", run.command());
        root.put("board", run.board());
        root.put("profile", run.profile());
        root.put("started", run.started().toString());
        root.put("millis", run.millis());
        try {
            root.set("board_info", run.boardInfo() == null || run.boardInfo().isBlank()
                    ? JSON.nullNode() : JSON.readTree(run.boardInfo()));
        } catch (IOException e) {
            root.put("board_info", run.boardInfo());
        }
        if (run.link() != null) {
            ObjectNode link = root.putObject("board_link");
            link.put("scheme", run.link().scheme());
            link.put("url", run.link().url());
            link.put("description", run.link().description());
        }
        return root;
    }

    /** One case as report.json holds it: also one line of the case journal ({@link CaseJournal}). */
    public static ObjectNode caseNode(CaseResult c) {
        ObjectNode cn = JSON.createObjectNode();
        cn.put("name", c.name());
        cn.put("group", c.group());
        cn.put("description", c.description());
        cn.put("source", c.source());
        cn.put("status", c.status().name().toLowerCase(java.util.Locale.ROOT));
        cn.put("message", c.message());
        cn.put("started", c.started().toString());
        cn.put("millis", c.millis());
        putMap(cn.putObject("measurements"), c.measurements());
        ArrayNode steps = cn.putArray("steps");
        for (StepRecord s : c.steps()) {
            ObjectNode sn = steps.addObject();
            sn.put("index", s.index());
            sn.put("label", s.label());
            sn.put("kind", s.kind());
            sn.put("outcome", s.outcome().name().toLowerCase(java.util.Locale.ROOT));
            sn.put("epoch", s.epoch());
            sn.put("reset", s.reset());
            sn.put("started", s.started().toString());
            sn.put("millis", s.millis());
            if (s.error() != null) {
                sn.put("error", s.error());
            }
            putFacts(sn.putObject("predicted"), s.predicted());
            putFacts(sn.putObject("observed"), s.observed());
            ArrayNode diffs = sn.putArray("differences");
            for (Difference d : s.differences()) {
                ObjectNode dn = diffs.addObject();
                dn.put("field", d.field());
                dn.put("source", d.source());
                dn.put("expected", d.expected());
                dn.put("observed", d.observed());
            }
            ArrayNode ex = sn.putArray("transcript");
            s.excerpt().forEach(ex::add);
        }
        return cn;
    }

    private static void putFacts(ObjectNode n, Facts f) {
        f.asMap().forEach(n::put);
    }

    private static void putMap(ObjectNode n, Map<String, Object> m) {
        m.forEach((k, v) -> n.set(k, JSON.valueToTree(v)));
    }
}
