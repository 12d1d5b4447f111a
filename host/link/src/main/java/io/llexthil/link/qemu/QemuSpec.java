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
 * @param memFile   a file that backs the machine's RAM ({@code memory-backend-file}), so what the
 *                  guest keeps there survives a new QEMU process; null for QEMU's anonymous RAM.
 *                  QEMU creates it zero-filled when missing and keeps an existing one as it is
 * @param memSize   the size of that RAM as QEMU writes it ({@code 16M}); it must be the machine's
 *                  RAM size ({@code mps2-an385}: 16M, its PSRAM at 0x21000000)
 * @param buildId   16 lower-case hex digits the firmware should report as its build id, loaded
 *                  by {@code -device loader} at {@link #BUILD_ID_OVERRIDE_ADDRESS}; null for none
 */
public record QemuSpec(String binary, String machine, Path kernel, List<String> extraArgs, Path workDir,
                       Path memFile, String memSize, String buildId) {
    /**
     * Where firmware/qemu-core reads its build-id override (firmware/qemu-core/src/build_id.h,
     * docs/ci.md): the last 8 bytes of mps2-an385's SRAM, a little-endian 64-bit value.
     */
    public static final long BUILD_ID_OVERRIDE_ADDRESS = 0x203FFFF8L;
    /** mps2-an385's RAM (its PSRAM): QEMU refuses any other backend size for that machine. */
    public static final String DEFAULT_MEM_SIZE = "16M";

    private static final Set<String> PARAMS = Set.of("machine", "kernel", "extra", "binary", "workdir",
            "memfile", "memsize", "build-id");
    private static final Pattern TARGET = Pattern.compile("[a-z0-9_]+");
    private static final Pattern BUILD_ID = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern MEM_SIZE = Pattern.compile("[1-9][0-9]*[KMG]?");

    public QemuSpec {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(kernel, "kernel");
        extraArgs = List.copyOf(extraArgs);
        memSize = memSize == null ? DEFAULT_MEM_SIZE : memSize;
        if (buildId != null && (!BUILD_ID.matcher(buildId).matches() || buildId.equals("0".repeat(16)))) {
            throw new IllegalArgumentException("build id '" + buildId + "': expected 16 lower-case hex digits, not all"
                    + " zero (zero means no override), e.g. 00000000deadbeef");
        }
    }

    /** A spec without a RAM file or build-id override (the form before those existed). */
    public QemuSpec(String binary, String machine, Path kernel, List<String> extraArgs, Path workDir) {
        this(binary, machine, kernel, extraArgs, workDir, null, null, null);
    }

    /** A spec for {@code qemu-system-<target>} with no extra arguments and a temporary work dir. */
    public static QemuSpec of(String target, String machine, Path kernel) {
        return new QemuSpec("qemu-system-" + target, machine, kernel, List.of(), null);
    }

    public QemuSpec withWorkDir(Path dir) {
        return new QemuSpec(binary, machine, kernel, extraArgs, dir, memFile, memSize, buildId);
    }

    public QemuSpec withExtraArgs(List<String> args) {
        return new QemuSpec(binary, machine, kernel, args, workDir, memFile, memSize, buildId);
    }

    /** Backs the machine's RAM ({@code size} as QEMU writes it, e.g. {@code 16M}) with {@code file}. */
    public QemuSpec withMemFile(Path file, String size) {
        return new QemuSpec(binary, machine, kernel, extraArgs, workDir, file, size, buildId);
    }

    /** Boots the firmware as build {@code id} (16 lower-case hex digits), or as itself for null. */
    public QemuSpec withBuildId(String id) {
        return new QemuSpec(binary, machine, kernel, extraArgs, workDir, memFile, memSize, id);
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
        String memfile = url.params().get("memfile");
        String memsize = url.params().getOrDefault("memsize", DEFAULT_MEM_SIZE);
        if (!MEM_SIZE.matcher(memsize).matches()) {
            throw new IllegalArgumentException(url.text() + ": memsize=" + memsize + " is not a size as QEMU writes it,"
                    + " e.g. memsize=16M (the machine's RAM size)");
        }
        if (url.params().containsKey("memsize") && memfile == null) {
            throw new IllegalArgumentException(url.text() + ": memsize without memfile; e.g. memfile=/tmp/psram.bin&memsize=16M");
        }
        String buildId = url.params().get("build-id");
        try {
            return new QemuSpec(binary, machine, Path.of(kernel), splitExtra(extra),
                    workdir == null || workdir.isBlank() ? null : Path.of(workdir),
                    memfile == null || memfile.isBlank() ? null : Path.of(memfile), memsize,
                    buildId == null || buildId.isBlank() ? null : buildId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(url.text() + ": " + e.getMessage(), e);
        }
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
