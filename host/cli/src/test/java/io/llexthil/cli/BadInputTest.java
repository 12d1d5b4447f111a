package io.llexthil.cli;

import io.llexthil.campaign.run.ImageLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input to the end: every kind of wrong file or path exits 2 with one line naming it, and
 * writes nothing. The time each refusal takes is printed (a size limit is checked before the
 * content is read), never asserted.
 */
class BadInputTest extends CliHarness {
    @TempDir
    Path tmp;

    private final List<String> timings = new ArrayList<>();

    @AfterEach
    void printTimings() {
        timings.forEach(System.out::println);
    }

    /** Runs the command, checks exit 2, one line, nothing written under tmp/runs; returns the line. */
    private String refused(String what, String... args) throws Exception {
        err.reset();
        long t0 = System.nanoTime();
        int rc = run(args);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        timings.add(String.format("refusal time, %s: %d ms", what, ms));
        String e = stderr();
        assertThat(rc).as(what + ": " + e).isEqualTo(2);
        assertThat(e.strip()).as(what).startsWith("llext-hil: ").doesNotContain("\n").doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(tmp.resolve("runs")).as(what + ": nothing written").doesNotExist();
        return e.strip();
    }

    private String runs() {
        return tmp.resolve("runs").toString();
    }

    private Path yaml(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }

    @Test
    void devZeroAsAScenarioIsRefusedBeforeItIsRead() throws Exception {
        assertThat(refused("/dev/zero scenario", "run", "/dev/zero", "--runs-dir", runs()))
                .contains("/dev/zero: more than 1048576 bytes (not a regular file) is over the 1 MiB limit");
    }

    @Test
    void aDeviceOrADirectoryAsTheHardwareMapIsNamedForWhatItIs() throws Exception {
        assertThat(refused("/dev/zero hardware map", "run", "--hardware-map", "/dev/zero", "--runs-dir", runs()))
                .contains("/dev/zero: more than 1048576 bytes (not a regular file) is over the 1 MiB limit");
        assertThat(refused("directory hardware map", "boards", "--no-check", "--hardware-map", tmp.toString()))
                .contains(tmp + ": is a directory");
        assertThat(refused("missing hardware map", "run", "--hardware-map", tmp.resolve("none.yml").toString(),
                "--runs-dir", runs())).isEqualTo("llext-hil: --hardware-map " + tmp.resolve("none.yml") + ": no such file");
    }

    @Test
    void aTenMegabyteSingleLineYamlIsRefusedBySize() throws Exception {
        Path big = tmp.resolve("big.yaml");
        try (OutputStream o = Files.newOutputStream(big)) {
            o.write("name: ".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "x".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 160; i++) {
                o.write(chunk);
            }
        }
        assertThat(refused("10 MB single-line YAML", "run", big.toString(), "--runs-dir", runs()))
                .contains(big + ": 10485766 bytes is over the 1 MiB limit for a scenario file");
    }

    @Test
    void binaryGarbageNamesTheFirstBadByte() throws Exception {
        Path bin = tmp.resolve("garbage.yaml");
        Files.write(bin, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xC3, (byte) 0x28, 'x'});
        assertThat(refused("binary scenario", "run", bin.toString(), "--runs-dir", runs()))
                .isEqualTo("llext-hil: " + bin + ": not a UTF-8 text file (byte 6); give the scenario file");
        Path nul = tmp.resolve("nul.yaml");
        Files.write(nul, new byte[] {'n', 'a', 'm', 'e', 0, 'x'});
        assertThat(refused("NUL in a scenario", "run", nul.toString(), "--runs-dir", runs())).contains("(byte 4)");
    }

    @Test
    void binaryGarbageAsAHardwareMapOrATwinScenario() throws Exception {
        Path bin = tmp.resolve("map.yml");
        Files.write(bin, new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1});
        assertThat(refused("binary hardware map", "run", "--hardware-map", bin.toString(), "--runs-dir", runs()))
                .contains(bin + ": not a UTF-8 text file (byte 0)");
        assertThat(refused("binary twin scenario", "twin", "predict", bin.toString()))
                .contains(bin + ": not a UTF-8 text file (byte 0)");
    }

    @Test
    void yamlAliasesAreRefused() throws Exception {
        Path f = yaml("alias.yaml", "name: a\nsteps:\n  - upload: &ext producer\n  - load: *ext\n");
        assertThat(refused("YAML alias", "run", f.toString(), "--runs-dir", runs()))
                .isEqualTo("llext-hil: " + f + ":4: YAML aliases/merge keys are not supported; write the values out");
    }

    @Test
    void yamlMergeKeysAreRefusedLikeAliases() throws Exception {
        Path f = yaml("merge.yaml", "name: m\nsteps:\n  - upload: producer\n  - load:\n      <<: {ext: producer}\n");
        assertThat(refused("YAML merge key", "run", f.toString(), "--runs-dir", runs()))
                .isEqualTo("llext-hil: " + f + ":5: YAML aliases/merge keys are not supported; write the values out");
        Path map = yaml("map.yml", "- &a\n  id: x1\n  platform: p\n- <<: *a\n  id: x2\n");
        assertThat(refused("merge key in a hardware map", "run", "--hardware-map", map.toString(), "--board", "x2",
                "--runs-dir", runs()))
                .contains(map + ":4: YAML aliases/merge keys are not supported; write the values out");
    }

    @Test
    void twoScenariosWithOneNameAreRefused() throws Exception {
        Path a = yaml("a.yaml", "name: same\nsteps:\n  - upload: producer\n");
        Path b = yaml("b.yaml", "name: same\nsteps:\n  - upload: consumer\n");
        assertThat(refused("duplicate scenario names", "run", a.toString(), b.toString(), "--runs-dir", runs()))
                .isEqualTo("llext-hil: " + b + ": field 'name': scenario name 'same' is also used by " + a
                        + "; names are unique in a run (rename one)");
    }

    @Test
    void extensionNamesAreCheckedWhenLoaded() throws Exception {
        Path longName = yaml("long.yaml", "name: a\nsteps:\n  - upload: abcdefghijklmnop\n");
        assertThat(refused("16-character extension name", "run", longName.toString(), "--runs-dir", runs()))
                .contains("step 0: field 'upload': extension name 'abcdefghijklmnop' has 16 characters; a board holds at most 15");
        Path unknown = yaml("unknown.yaml", "name: a\nsteps:\n  - upload: producer\n  - load: nosuchext\n");
        assertThat(refused("unknown extension", "run", unknown.toString(), "--runs-dir", runs()))
                .contains("step 1: field 'load': unknown extension 'nosuchext'");
    }

    @Test
    void extensionOptionsOfSweepsAndFuzzAreChecked() throws Exception {
        assertThat(refused("unknown sweep extension", "sweep", "alloc", "--ext", "producer,nosuch", "--runs-dir", runs()))
                .isEqualTo("llext-hil: --ext nosuch: unknown extension: no built-in nosuch.o in "
                        + ImageLibrary.defaultFirmwareBuild().resolve("model/ext")
                        + " (build the firmware, or check --firmware-build)");
        assertThat(refused("long fuzz extension", "fuzz", "--ext", "abcdefghijklmnop", "--runs-dir", runs()))
                .contains("--ext abcdefghijklmnop: the name has 16 characters");
    }

    @Test
    void aDeviceAsAnImageIsRefusedWhenLoaded() throws Exception {
        Path f = yaml("img.yaml", "name: a\nimages: {x: /dev/zero}\nsteps:\n  - upload: x\n");
        assertThat(refused("/dev/zero image", "run", f.toString(), "--runs-dir", runs()))
                .contains("field 'images.x': /dev/zero is not a regular file");
    }

    @Test
    void runDirectoriesThatCannotBeMadeSayWhy() throws Exception {
        assertThat(refused("--out /proc/x", "run", "--out", "/proc/x"))
                .startsWith("llext-hil: --out /proc/x: cannot create a directory there (");
        Path file = Files.writeString(tmp.resolve("a-file"), "keep");
        assertThat(refused("--runs-dir on a file", "run", "--runs-dir", file.toString()))
                .isEqualTo("llext-hil: --runs-dir " + file + ": is a file, not a directory; give a directory"
                        + " (it is created when missing)");
        assertThat(file).hasContent("keep");
    }

    @Test
    void aRefusedLinkNamesTheUrlOnceAndLeavesNoRunsDirectory() throws Exception {
        String line = refused("unreachable link", "run", "--link", "tcp://127.0.0.1:1", "--runs-dir", runs());
        assertThat(line).startsWith("llext-hil: 127.0.0.1:1: cannot connect to tcp://127.0.0.1:1: ");
        assertThat(line.split("tcp://127\\.0\\.0\\.1:1", -1)).as("the URL once: " + line).hasSize(2);
    }

    @Test
    void aRefusedLinkLeavesNoLockFile() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort(); // closed again below: a port nobody's board is on
        }
        String url = "tcp://127.0.0.1:" + port;
        String lockName = "link-" + io.llexthil.link.LinkUrl.parse(url).key() + ".lock";
        Path lock = io.llexthil.shell.inventory.BoardLock.defaultDirectory().resolve(lockName);
        assertThat(lock).doesNotExist();
        assertThat(refused("unreachable link", "run", "--link", url, "--runs-dir", runs())).contains("cannot connect");
        assertThat(lock).as("the lock taken for the link is removed with it").doesNotExist();
    }

    @Test
    void aBadLogOptionIsAUsageError() throws Exception {
        assertThat(refused("--log without a level", "run", "--log", "io.llexthil", "--runs-dir", runs()))
                .contains("--log io.llexthil: expected LOGGER=LEVEL");
    }

    @Test
    void oneMalformedBoardProfileDoesNotBlockTheOthers() throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("boards"));
        Files.copy(Path.of(System.getProperty("llexthil.repo", "../..")).resolve("boards/sim.yaml"),
                repo.resolve("boards/sim.yaml"));
        Files.writeString(repo.resolve("boards/broken.yaml"), "name: [unclosed\n");
        String before = System.getProperty("llexthil.repo");
        System.setProperty("llexthil.repo", repo.toString());
        try {
            Path broken = repo.resolve("boards/broken.yaml").toAbsolutePath();
            String problem = broken + ":1: not valid YAML at column ";
            assertThat(new DefaultBoardBridge().profile("sim", null, null).name()).isEqualTo("sim");
            assertThat(stderr().strip()).startsWith("llext-hil: warning: " + problem).endsWith("(that board is left out)")
                    .doesNotContain("\n");
            err.reset();
            // the list goes on: the broken file is a row with its one-line error, and the exit code says so
            assertThat(run("boards", "--no-check")).isEqualTo(1);
            assertThat(stdout()).containsPattern("(?m)^sim +- ")
                    .containsPattern("(?m)^broken +BROKEN +" + java.util.regex.Pattern.quote(problem));
            assertThat(stderr()).isEmpty();
            assertThat(refused("the broken board itself", "run", "--board", "broken", "--runs-dir", runs()))
                    .startsWith("llext-hil: " + problem);
        } finally {
            if (before == null) {
                System.clearProperty("llexthil.repo");
            } else {
                System.setProperty("llexthil.repo", before);
            }
        }
    }

    @Test
    void oneMalformedHardwareMapEntryDoesNotBlockTheOthers() throws Exception {
        Path map = yaml("map.yml", """
                - connected: true
                  id: good-1
                  platform: p
                  serial: /dev/ttyNOPE0
                - connected: true
                  id: bad-2
                  platform: p
                  serial: /dev/ttyNOPE1
                  baud: fast
                """);
        String problem = map + ": entry 2 (id bad-2): field 'baud': expected an integer, got 'fast'";
        DefaultBoardBridge bridge = new DefaultBoardBridge();
        assertThat(bridge.profile("good-1", map, null).name()).isEqualTo("good-1");
        assertThat(bridge.profile("sim", map, null).name()).isEqualTo("sim"); // a second board of one pool
        assertThat(stderr()).as("one warning per broken entry, however many boards are resolved")
                .isEqualTo("llext-hil: warning: " + problem + " (that board is left out)" + System.lineSeparator());
        err.reset();
        assertThat(run("boards", "--no-check", "--hardware-map", map.toString())).isEqualTo(1);
        assertThat(stdout()).containsPattern("(?m)^good-1 +- ")
                .containsPattern("(?m)^bad-2 +BROKEN +" + java.util.regex.Pattern.quote(problem) + "$");
        assertThat(refused("the broken entry itself", "run", "--hardware-map", map.toString(), "--board", "bad-2",
                "--runs-dir", runs())).isEqualTo("llext-hil: " + problem);
    }

    @Test
    void aRefusedInvocationLeavesNoEmptyParentsBehind() throws Exception {
        Path deep = tmp.resolve("a/b/runs");
        assertThat(run("run", "--link", "tcp://127.0.0.1:1", "--runs-dir", deep.toString())).isEqualTo(2);
        assertThat(tmp.resolve("a")).doesNotExist();
    }

    /** The files under tmp after all refusals: only the inputs the test wrote. */
    @AfterEach
    void nothingButInputs() throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).doesNotContain("runs");
        }
    }
}
