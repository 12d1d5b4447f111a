package io.llexthil.campaign.report;

import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.RunResult;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Several runs (the shards of one CI matrix) as one run: every case once, in the order of the
 * unsharded run when the shards recorded it ({@link #CASE_ORDER}), the boards and measurements of
 * all. Two runs holding a case of the same name cannot be merged: one would hide the other.
 */
public final class RunMerge {
    /** Run measurement: every case name of the whole run, in run order, before it was split into shards. */
    public static final String CASE_ORDER = "case_order";
    /** Run measurement: which shard a run was ({@code 2/3}). */
    public static final String SHARD = "shard";

    private RunMerge() { }

    /** Merges {@code runs} into a run whose reports go to {@code outDir}. */
    public static RunResult merge(List<RunResult> runs, Path outDir) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("report merge: name at least one run directory");
        }
        Set<String> commands = new LinkedHashSet<>();
        Set<String> profiles = new LinkedHashSet<>();
        Set<String> boards = new LinkedHashSet<>();
        Map<String, RunResult> owner = new LinkedHashMap<>();
        List<CaseResult> cases = new ArrayList<>();
        List<String> order = new ArrayList<>();
        Map<String, Object> measurements = new LinkedHashMap<>();
        List<String> shards = new ArrayList<>();
        Instant started = runs.get(0).started();
        Instant ended = started;
        for (RunResult r : runs) {
            commands.add(r.command());
            profiles.add(r.profile());
            boards.addAll(List.of(r.board().split(",")));
            for (CaseResult c : r.cases()) {
                RunResult first = owner.putIfAbsent(c.name(), r);
                if (first != null) {
                    throw new IllegalArgumentException("report merge: case " + c.name() + " is in both " + first.runDir()
                            + " and " + r.runDir() + "; merge the shards of one run, each once");
                }
                cases.add(c);
            }
            if (r.measurements().get(CASE_ORDER) instanceof List<?> l && order.isEmpty()) {
                l.forEach(x -> order.add(String.valueOf(x)));
            }
            if (r.measurements().get(SHARD) != null) {
                shards.add(r.measurements().get(SHARD) + " " + r.runDir().getFileName());
            }
            r.measurements().forEach((k, v) -> {
                if (!k.equals(CASE_ORDER) && !k.equals(SHARD)) {
                    measurements.putIfAbsent(k, v);
                }
            });
            started = r.started().isBefore(started) ? r.started() : started;
            Instant end = r.started().plusMillis(r.millis());
            ended = end.isAfter(ended) ? end : ended;
        }
        if (commands.size() > 1 || profiles.size() > 1) {
            throw new IllegalArgumentException("report merge: the runs differ in command or twin profile ("
                    + String.join(", ", commands) + "; " + String.join(", ", profiles) + "); merge runs of one campaign");
        }
        if (!order.isEmpty()) {
            cases.sort(Comparator.comparingInt(c -> {
                int i = order.indexOf(c.name());
                return i < 0 ? Integer.MAX_VALUE : i;
            }));
            List<String> missing = order.stream().filter(n -> !owner.containsKey(n)).toList();
            if (!missing.isEmpty()) {
                measurements.put("missing_cases", String.join(",", missing));
            }
        }
        measurements.put("merged_from", shards.isEmpty()
                ? runs.stream().map(r -> String.valueOf(r.runDir().getFileName())).toList() : shards);
        RunResult first = runs.get(0);
        return new RunResult(first.command(), String.join(",", boards), first.boardInfo(), first.profile(), cases,
                measurements, outDir, started, ended.toEpochMilli() - started.toEpochMilli(), first.link());
    }
}
