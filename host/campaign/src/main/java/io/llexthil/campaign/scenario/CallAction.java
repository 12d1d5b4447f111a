package io.llexthil.campaign.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.llexthil.board.HilReply;
import io.llexthil.campaign.twin.TwinResult;

import java.util.List;

import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code call: {ext: counter, symbol: counter_next, expect: previous+1}} (or {@code call: counter
 * counter_next} with {@code expect:} as a step option): {@code hil call}. The twin runs no
 * extension code: it predicts the rc only, and the value is checked against {@link #expect()}.
 */
public record CallAction(String ext, String symbol, ExpectValue expect) implements StepAction {
    static final String KEY = "call";
    static final String EXPECT = "expect";
    private static final String FORMS = "expected '<extension> <symbol>' or {ext: ..., symbol: ...}";

    public CallAction {
        expect = expect == null ? ExpectValue.ANY : expect;
    }

    static CallAction parse(StepYaml y) {
        String f = y.key();
        ExpectValue expect = y.option(EXPECT) == null ? null : expect(y, y.option(EXPECT), EXPECT);
        JsonNode v = y.value();
        String ext;
        String symbol;
        if (v != null && v.isTextual()) {
            String[] parts = v.asText().trim().split("\\s+");
            if (parts.length != 2) {
                throw y.fail(f, FORMS);
            }
            ext = y.checkName(parts[0], f);
            symbol = parts[1];
        } else if (v != null && v.isObject()) {
            y.onlyKeys(v, Set.of("ext", "symbol", EXPECT), f);
            ext = y.checkName(y.requiredText(v, "ext", f), f + ".ext");
            symbol = y.requiredText(v, "symbol", f);
            if (v.has(EXPECT)) {
                if (expect != null) {
                    throw y.fail(EXPECT, "given twice (in the step and in 'call')");
                }
                expect = expect(y, v.get(EXPECT), f + "." + EXPECT);
            }
        } else {
            throw y.fail(f, FORMS);
        }
        if (!symbol.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw y.fail(f, "'" + symbol + "' is not a C identifier");
        }
        return new CallAction(ext, symbol, expect);
    }

    private static ExpectValue expect(StepYaml y, JsonNode v, String field) {
        ExpectValue e = v == null || v.isNull() ? null : ExpectValue.parse(v.asText());
        if (e == null) {
            throw y.fail(field, "expected a number, 'any', 'previous' or 'previous+N'/'previous-N', got '"
                    + (v == null ? "" : v.asText()) + "'");
        }
        return e;
    }

    @Override
    public String key() { return KEY; }

    @Override
    public String label() { return KEY + " " + ext + " " + symbol; }

    @Override
    public String yaml() {
        return "{ext: " + ext + ", symbol: " + symbol + ", expect: " + ScenarioWriter.quote(expect.toString()) + "}";
    }

    @Override
    public TwinResult predict(StepRun run) { return run.twin().call(ext, symbol); }

    @Override
    public void perform(StepRun run) {
        HilReply r = run.board().call(ext, symbol);
        run.observed().put("rc", r.rc());
        if (r.rc() == 0) {
            long value = r.payload().path("value").asLong();
            run.observed().put("call.value", value);
            checkValue(run, value);
        }
    }

    /** The value against {@link #expect()}; remembered for a later {@code previous}. */
    private void checkValue(StepRun run, long value) {
        String call = ext + " " + symbol;
        Long previous = run.callValues().get(call);
        OptionalLong want = expect.resolve(previous == null ? OptionalLong.empty() : OptionalLong.of(previous));
        if (expect.kind() == ExpectValue.Kind.PREVIOUS && previous == null) {
            run.scenarioDifference("call.value", expect + " (no earlier value of this call in the scenario)",
                    Long.toString(value));
        } else if (want.isPresent() && want.getAsLong() != value) {
            run.scenarioDifference("call.value", want.getAsLong() + " (" + expect + ")", Long.toString(value));
        }
        run.callValues().put(call, value);
    }

    @Override
    public List<String> extensions() { return List.of(ext); }
}
