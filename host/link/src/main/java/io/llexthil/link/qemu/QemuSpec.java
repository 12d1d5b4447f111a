package io.llexthil.link.qemu;

import io.llexthil.link.LinkUrl;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What QEMU to run: which {@code qemu-system-*} binary, machine, kernel and extra arguments,
 * and where its files (serial transcript, stderr) go.
 *
 * @param binary    executable name or path, e.g. {@code qemu-system-arm}
 * @param machine   the {@code -machine} value, e.g. {@code mps2-an385}
 * @param kernel    the ELF passed with {@code -kernel}
 * @param extraArgs further QEMU arguments, appended as they are
 * @param workDir   directory for {@code serial.log} and {@code qemu.stderr.log}; null means a new
 *                  temporary directory per launch
 */
public record QemuSpec(String binary, String machine, Path kernel, List<String> extraArgs, Path workDir) {
    private static final Set<String> PARAMS = Set.of("machine", "kernel", "extra", "binary", "workdir");
    private static final Pattern TARGET = Pattern.compile("[a-z0-9_]+");

    public QemuSpec {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(kernel, "kernel");
        extraArgs = List.copyOf(extraArgs);
    }

    /** A spec for {@code qemu-system-<target>} with no extra arguments and a temporary work dir. */
    public static QemuSpec of(String target, String machine, Path kernel) {
        return new QemuSpec("qemu-system-" + target, machine, kernel, List.of(), null);
    }

    public QemuSpec withWorkDir(Path dir) {
        return new QemuSpec(binary, machine, kernel, extraArgs, dir);
    }

    public QemuSpec withExtraArgs(List<String> args) {
        return new QemuSpec(binary, machine, kernel, args, workDir);
    }

    /**
     * Reads a {@code qemu:<target>?machine=...&kernel=...} URL (grammar in docs/qemu.md).
     *
     * @throws IllegalArgumentException with a one-line message saying what to write instead
     */
    public static QemuSpec fromUrl(LinkUrl url) {
        String target = url.target() == null ? "" : url.target().replaceFirst("^//", "");
        if (!TARGET.matcher(target).matches()) {
            throw new IllegalArgumentException(url.text() + ": the QEMU target must name a qemu-system-* binary, e.g. "
                    + "qemu:arm?machine=mps2-an385&kernel=/path/fw.elf (got '" + target + "')");
        }
        for (String key : url.params().keySet()) {
            if (!PARAMS.contains(key)) {
                throw new IllegalArgumentException(url.text() + ": unknown parameter '" + key + "'; qemu: URLs take "
                        + String.join(", ", PARAMS.stream().sorted().toList()));
            }
        }
        String machine = required(url, "machine", "machine=mps2-an385");
        String kernel = required(url, "kernel", "kernel=/path/to/zephyr.elf");
        String binary = url.params().getOrDefault("binary", "qemu-system-" + target);
        String extra = url.params().getOrDefault("extra", "");
        String workdir = url.params().get("workdir");
        return new QemuSpec(binary, machine, Path.of(kernel), splitExtra(extra),
                workdir == null || workdir.isBlank() ? null : Path.of(workdir));
    }

    /**
     * {@code extra} holds arguments separated by spaces (written {@code %20} in a URL;
     * {@link LinkUrl#parse} decodes percent escapes and leaves {@code +} as a plus).
     */
    static List<String> splitExtra(String extra) {
        return Arrays.stream(extra.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    private static String required(LinkUrl url, String key, String example) {
        String value = url.params().get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(url.text() + ": missing parameter '" + key + "', e.g. " + example);
        }
        return value;
    }
}
