package io.llexthil.shell.inventory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.llexthil.link.ControlLine;
import io.llexthil.link.Pacing;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.FlashConfig;
import io.llexthil.shell.reset.ResetConfig;
import io.llexthil.shell.reset.ResetStep;

/** Turns one board's keys (a profile file, a hardware-map entry, or both merged) into a {@link BoardProfile}. */
final class BoardProfileReader {
    private BoardProfileReader() {}

    /**
     * @param keys     the merged keys (hardware-map entry over profile file)
     * @param where    for a top-level key, the "file: entry" text naming where it was written
     * @param fallbackName the name to use when none is given
     * @param twister  the hardware-map entry exactly as read, or an empty map
     * @param source   where the profile came from, for messages
     */
    static BoardProfile read(Map<String, Object> keys, Function<String, String> where, String fallbackName,
                             Map<String, Object> twister, String source) {
        YamlFields f = new YamlFields(keys, where, "");
        String id = f.string("id", null);
        String name = f.string("name", fallbackName != null ? fallbackName : id);
        if (name == null || name.isBlank()) throw f.error("name", "missing: give the board a 'name' or an 'id'");
        BoardProfile.Builder b = BoardProfile.builder(name).id(id == null ? name : id).source(source).twister(twister);
        b.platforms(f.stringList("platform"));
        // twister calls it baud or serial_baud; both mean the same
        int baud = f.integer("serial_baud", f.integer("baud", 115200));
        b.baud(baud);
        b.link(link(f, baud));
        if (f.has("prompt") && f.has("prompt_regex")) {
            throw f.error("prompt_regex", "give either 'prompt' (a literal) or 'prompt_regex', not both");
        }
        if (f.has("prompt")) b.prompt(f.string("prompt", null));
        if (f.has("prompt_regex")) b.promptRegex(checkedRegex(f, "prompt_regex", f.string("prompt_regex", null)));
        YamlFields banner = f.child("banner");
        b.banner(checkedRegex(banner, "pattern", banner.string("pattern", "\\*\\*\\* Booting Zephyr OS build")));
        b.bannerRequired(banner.bool("required", true));
        if (f.has("fatal")) {
            List<String> fatal = f.stringList("fatal");
            for (String p : fatal) checkedRegex(f, "fatal", p);
            b.fatal(fatal);
        }
        b.lineEnding(lineEnding(f));
        if (f.has("pacing")) {
            // without it, the link's own pacing applies where it knows one (BoardProfile.pacingFor)
            YamlFields pacing = f.child("pacing");
            int chunk = pacing.integer("chunk", Pacing.GENERIC_SERIAL.chunk());
            if (chunk < 1) throw pacing.error("chunk", "expected at least 1, got " + chunk);
            b.txChunk(chunk).txDelay(pacing.duration("delay", Pacing.GENERIC_SERIAL.delay()));
        }
        b.readyLine(readyLine(f));
        b.retval(f.bool("retval", false));
        YamlFields t = f.child("timeouts");
        b.openTimeout(t.duration("open", Duration.ofSeconds(5)))
                .writeTimeout(t.duration("write", Duration.ofSeconds(2)))
                .commandTimeout(t.duration("command", Duration.ofSeconds(10)))
                .readyTimeout(t.duration("ready", Duration.ofSeconds(30)))
                .quietPeriod(t.duration("quiet", Duration.ofMillis(200)))
                .probeInterval(t.duration("probe", Duration.ofMillis(500)));
        b.reset(reset(f));
        b.flash(flash(f));
        return b.build();
    }

    /**
     * Our {@code flash: {command: [...], timeout}} wins; else twister's {@code runner} (with
     * {@code runner_params}) becomes {@code west flash}. {@code flash_timeout} is twister's, in
     * seconds (default 60); {@code flash_before} flashes before every run.
     */
    private static FlashConfig flash(YamlFields f) {
        Duration timeout = Duration.ofSeconds(f.integer("flash_timeout", 60));
        boolean before = f.bool("flash_before", false);
        if (f.has("flash")) {
            YamlFields fl = f.child("flash");
            List<String> argv = fl.stringList("command");
            if (argv.isEmpty()) {
                throw fl.error("command", "missing: the flash program and its arguments, e.g. [west, flash, --build-dir, '${build_dir}']");
            }
            return new FlashConfig(argv, fl.duration("timeout", timeout), before);
        }
        if (f.has("runner")) {
            return FlashConfig.west(f.string("runner", null), f.stringList("runner_params"), timeout, before);
        }
        if (before) {
            throw f.error("flash_before", "true, but the board has no flash step: add runner: or flash: {command: [...]}");
        }
        return null;
    }

    private static String link(YamlFields f, int baud) {
        if (f.has("link")) return f.string("link", null);
        // a twister entry names a device: that is a serial link
        if (f.has("serial")) return "serial://" + f.string("serial", null) + "?baud=" + baud;
        return null;
    }

    private static BoardProfile.ReadyLine readyLine(YamlFields f) {
        String v = f.string("ready_line", "auto");
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "auto" -> BoardProfile.ReadyLine.AUTO;
            case "required" -> BoardProfile.ReadyLine.REQUIRED;
            default -> throw f.error("ready_line", "expected auto or required, got '" + v + "'");
        };
    }

    private static String lineEnding(YamlFields f) {
        String v = f.string("line_ending", "lf");
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "lf", "\n" -> "\n";
            case "cr", "\r" -> "\r";
            case "crlf", "\r\n" -> "\r\n";
            default -> throw f.error("line_ending", "expected lf, cr or crlf, got '" + v + "'");
        };
    }

    private static String checkedRegex(YamlFields f, String key, String regex) {
        try {
            java.util.regex.Pattern.compile(regex);
            return regex;
        } catch (java.util.regex.PatternSyntaxException e) {
            throw f.error(key, "not a valid regular expression: " + e.getDescription() + " in '" + regex + "'");
        }
    }

    private static ResetConfig reset(YamlFields f) {
        if (!f.has("reset")) return ResetConfig.shellCommand();
        YamlFields r = f.child("reset");
        String method = r.string("method", "command");
        Duration timeout = r.duration("timeout", Duration.ofSeconds(10));
        return switch (method) {
            case "command" -> new ResetConfig(method, r.string("command", ResetConfig.DEFAULT_COMMAND), List.of(), List.of(), timeout);
            case "pulse" -> new ResetConfig(method, "", steps(r), List.of(), timeout);
            case "hard", "none" -> new ResetConfig(method, "", List.of(), List.of(), timeout);
            case "external" -> {
                List<String> argv = r.stringList("argv");
                if (argv.isEmpty()) throw r.error("argv", "missing: the program and its arguments, as a list");
                yield new ResetConfig(method, "", List.of(), argv, timeout);
            }
            default -> throw r.error("method", "expected command, pulse, hard, external or none, got '" + method + "'");
        };
    }

    private static List<ResetStep> steps(YamlFields r) {
        if (r.has("preset") && r.has("steps")) throw r.error("steps", "give either 'preset' or 'steps', not both");
        if (r.has("preset")) {
            String preset = r.string("preset", null);
            List<ResetStep> steps = ResetConfig.PULSE_PRESETS.get(preset);
            if (steps == null) {
                throw r.error("preset", "unknown preset '" + preset + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(ResetConfig.PULSE_PRESETS.keySet())) + ")");
            }
            return steps;
        }
        List<Object> raw = r.list("steps");
        if (raw.isEmpty()) throw r.error("steps", "missing: a 'preset' or a list of {line, level, holdMs}");
        List<ResetStep> steps = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            YamlFields s = r.element("steps", i, raw.get(i));
            String line = s.string("line", "");
            ControlLine control = switch (line.toUpperCase(Locale.ROOT)) {
                case "DTR" -> ControlLine.DTR;
                case "RTS" -> ControlLine.RTS;
                default -> throw s.error("line", "expected DTR or RTS, got '" + line + "'");
            };
            String level = s.string("level", "");
            boolean asserted = switch (level.toLowerCase(Locale.ROOT)) {
                case "low", "asserted", "on", "true" -> true;
                case "high", "released", "off", "false" -> false;
                default -> throw s.error("level", "expected low (asserted) or high (released), got '" + level + "'");
            };
            int hold = s.integer("holdMs", 0);
            if (hold < 0) throw s.error("holdMs", "expected 0 or more, got " + hold);
            steps.add(new ResetStep(control, asserted, hold));
        }
        return steps;
    }
}
