package io.llexthil.link.sim;

import io.llexthil.link.LinkParams;
import io.llexthil.link.LinkUrl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a {@code sim:} URL asks for: which binary, which transport, and the command-line options
 * of docs/protocol.md section 7 (passed through in URL order, checked for shape only: the sim
 * itself rejects bad values with exit code 2 and a message, which we report).
 */
public record SimSettings(Path binary, Path flash, Transport transport, List<String> options) {

    public enum Transport { TCP, PTY }

    static final String EXAMPLE = "sim:?flash=/tmp/board.flash&profile=upstream&transport=tcp";

    /** URL parameter -> sim option taking a value. */
    private static final List<String> VALUE_OPTIONS = List.of("profile", "baud", "rx-buf", "heap", "on-fatal",
            "flash-size", "erase-block", "write-block", "board", "build-id");
    private static final Set<String> NUMERIC = Set.of("baud", "rx-buf", "heap", "flash-size", "erase-block", "write-block");

    public static SimSettings from(LinkUrl url) {
        Set<String> allowed = new java.util.HashSet<>(VALUE_OPTIONS);
        allowed.addAll(List.of("flash", "transport", "binary", "color", "field"));
        LinkParams p = LinkParams.of(url, allowed, EXAMPLE);
        Path flash = Path.of(p.required("flash")).toAbsolutePath();
        Transport transport = Transport.valueOf(p.choice("transport", "tcp", List.of("tcp", "pty")).toUpperCase());
        List<String> options = new ArrayList<>();
        for (var entry : url.params().entrySet()) {
            String name = entry.getKey();
            if (VALUE_OPTIONS.contains(name)) {
                if (NUMERIC.contains(name)) {
                    p.integer(name, 0, 1, Integer.MAX_VALUE);
                }
                if (name.equals("profile")) {
                    p.choice(name, "upstream", List.of("upstream", "contract"));
                }
                if (name.equals("on-fatal")) {
                    p.choice(name, "halt", List.of("halt", "reboot"));
                }
                options.add("--" + name);
                options.add(entry.getValue());
            }
        }
        if (p.bool("color", false)) {
            options.add("--color");
        }
        if (p.bool("field", false)) {
            options.add("--field"); // a field build: no test commands
        }
        return new SimSettings(binary(p), flash, transport, List.copyOf(options));
    }

    /** binary= in the URL, else -Dllexthil.sim.binary, else the CMake build output in the repo. */
    static Path binary(LinkParams p) {
        if (p.has("binary")) {
            return Path.of(p.string("binary", "")).toAbsolutePath();
        }
        String property = System.getProperty("llexthil.sim.binary");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        return defaultBinary();
    }

    /** {@code ${llexthil.repo}/firmware/build/sim/llext-hil-sim} (the repo defaults to the working directory). */
    public static Path defaultBinary() {
        String repo = System.getProperty("llexthil.repo", "");
        Path root = repo.isBlank() ? Path.of("") : Path.of(repo);
        return root.resolve("firmware/build/sim/llext-hil-sim").toAbsolutePath();
    }

    /** The full command line: binary, --flash, transport, then the pass-through options. */
    List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.add("--flash");
        cmd.add(flash.toString());
        if (transport == Transport.TCP) {
            cmd.add("--tcp");
            cmd.add("0");
        } else {
            cmd.add("--pty");
        }
        cmd.addAll(options);
        return cmd;
    }

    /** stderr (and stdout) of every run, next to the flash file. */
    Path logFile() {
        return flash.resolveSibling(flash.getFileName() + ".sim.log");
    }
}
