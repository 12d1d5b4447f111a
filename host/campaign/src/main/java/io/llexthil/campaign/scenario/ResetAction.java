package io.llexthil.campaign.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.llexthil.campaign.twin.TwinResult;

import java.util.List;
import java.util.Set;

/**
 * {@code reset: shell}, {@code reset: {kind: ..., ...}}: resets the board (docs/scenarios.md,
 * "Resets") and waits for the next boot; the twin loses its list and heap and keeps the flash. A
 * {@code powercut} reset cuts power during a save of every loaded extension instead.
 */
public record ResetAction(ResetSpec spec) implements StepAction {
    static final String KEY = "reset";

    static ResetAction parse(StepYaml y) {
        return new ResetAction(spec(y, y.value()));
    }

    private static ResetSpec spec(StepYaml y, JsonNode v) {
        if (StepYaml.isEmpty(v)) {
            return ResetSpec.shell();
        }
        if (v.isTextual()) {
            ResetKind k = kind(y, v.asText(), KEY);
            if (k == ResetKind.EXTERNAL || k == ResetKind.POWERCUT || k == ResetKind.FIRMWARE) {
                throw y.fail(KEY, "'" + k.key() + "' needs parameters: " + switch (k) {
                    case EXTERNAL -> "{kind: external, command: '...'}";
                    case POWERCUT -> "{kind: powercut, flash_op: N}";
                    default -> "{kind: firmware, build_id: HEX16 | default}";
                });
            }
            return ResetSpec.of(k);
        }
        if (!v.isObject()) {
            throw y.fail(KEY, "expected a kind (shell, dtr, rts, qmp) or {kind: ..., ...}");
        }
        y.onlyKeys(v, Set.of("kind", "command", "flash_op", "pulse_ms", "build_id"), KEY);
        ResetKind k = kind(y, y.requiredText(v, "kind", KEY), KEY + ".kind");
        String command = null;
        int flashOp = 0;
        int pulse = pulseMs(y, v, k);
        if (v.has("command") && k != ResetKind.EXTERNAL && k != ResetKind.FIRMWARE) {
            throw y.fail(KEY + ".command", "only kinds external and firmware take a command;"
                    + " a board's own reset command belongs in its profile (docs/boards.md)");
        }
        if (k == ResetKind.EXTERNAL) {
            command = y.requiredText(v, "command", KEY);
        }
        if (k == ResetKind.POWERCUT) {
            JsonNode n = v.get("flash_op");
            if (n == null || !n.canConvertToInt() || n.asInt() < 1) {
                throw y.fail(KEY + ".flash_op", "expected the flash operation index (>= 1) to cut power at");
            }
            flashOp = n.asInt();
        }
        String buildId = null;
        if (k == ResetKind.FIRMWARE) {
            buildId = y.requiredText(v, "build_id", KEY);
            if (!buildId.equals("default") && !buildId.matches("[0-9a-f]{16}")) {
                throw y.fail(KEY + ".build_id", "expected 16 lower-case hex digits or 'default', got '" + buildId + "'");
            }
            if (v.has("command")) {
                command = v.get("command").asText();
            }
        }
        return new ResetSpec(k, command, flashOp, pulse, buildId);
    }

    /** pulse_ms belongs to a control-line pulse only: anywhere else it would be silently ignored. */
    private static int pulseMs(StepYaml y, JsonNode v, ResetKind k) {
        JsonNode n = v.get("pulse_ms");
        if (n == null) {
            return 100;
        }
        if (k != ResetKind.DTR && k != ResetKind.RTS) {
            throw y.fail(KEY + ".pulse_ms", "only kinds dtr and rts take pulse_ms, not " + k.key());
        }
        if (!n.canConvertToInt() || n.asInt() < 1 || n.asInt() > 60_000) {
            throw y.fail(KEY + ".pulse_ms", "expected milliseconds 1..60000, got " + n.asText());
        }
        return n.asInt();
    }

    private static ResetKind kind(StepYaml y, String text, String field) {
        ResetKind k = ResetKind.byKey(text);
        if (k == null) {
            throw y.fail(field, "unknown reset kind '" + text + "'; use shell, dtr, rts, qmp, external, powercut or firmware");
        }
        return k;
    }

    @Override
    public String key() { return KEY; }

    @Override
    public String label() { return KEY + " " + spec.describe(); }

    @Override
    public String yaml() {
        return switch (spec.kind()) {
            case EXTERNAL -> "{kind: external, command: " + ScenarioWriter.quote(spec.command()) + "}";
            case POWERCUT -> "{kind: powercut, flash_op: " + spec.flashOp() + "}";
            case FIRMWARE -> "{kind: firmware, build_id: " + ScenarioWriter.quote(spec.buildId()) + "}";
            default -> spec.kind().key();
        };
    }

    /** The twin loses its list and heap (a power cut is followed by the twin in {@link #perform}). */
    @Override
    public TwinResult predict(StepRun run) {
        if (spec.kind() != ResetKind.POWERCUT) {
            run.twin().reset(spec.kind() == ResetKind.FIRMWARE ? spec.buildId() : null);
        }
        return TwinResult.none();
    }

    @Override
    public void perform(StepRun run) {
        run.markReset();
        if (spec.kind() == ResetKind.POWERCUT) {
            run.board().require(run.board().faultFlash(spec.flashOp()));
            run.powerCutSave(List.of());
        } else {
            run.reset(spec);
        }
    }

    @Override
    public boolean touchesContext() { return true; }

    /** A power cut is {@code fault flash n} armed before a save. */
    @Override
    public boolean usesTestCommands() { return spec.kind() == ResetKind.POWERCUT; }
}
