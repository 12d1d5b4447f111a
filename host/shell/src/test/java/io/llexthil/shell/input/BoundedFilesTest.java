package io.llexthil.shell.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input files are bounded before they are read, and text must be UTF-8 without NULs and aliases. */
class BoundedFilesTest {
    @TempDir
    Path tmp;

    @Test
    void readsUtf8Text() throws Exception {
        Path f = Files.writeString(tmp.resolve("a.yaml"), "name: grüße\n", StandardCharsets.UTF_8);
        assertThat(BoundedFiles.readText(f, 100, "scenario")).isEqualTo("name: grüße\n");
    }

    @Test
    void aLargeRegularFileIsRefusedByItsSize() throws Exception {
        Path f = Files.writeString(tmp.resolve("big.yaml"), "x".repeat(101));
        assertThatThrownBy(() -> BoundedFiles.readText(f, 100, "scenario")).isInstanceOf(InputFileException.class)
                .hasMessage(f + ": 101 bytes is over the 100 bytes limit for a scenario file; check the path");
    }

    @Test
    void aDeviceIsReadOnlyUpToTheLimit() {
        assertThatThrownBy(() -> BoundedFiles.readBytes(Path.of("/dev/zero"), BoundedFiles.TEXT_LIMIT, "scenario"))
                .isInstanceOf(InputFileException.class)
                .hasMessage("/dev/zero: more than 1048576 bytes (not a regular file) is over the 1 MiB limit for a scenario file;"
                        + " check the path");
    }

    @Test
    void notUtf8NamesTheByte() throws Exception {
        Path f = Files.write(tmp.resolve("bin.yaml"), new byte[] {'a', 'b', (byte) 0x80, 'c'});
        assertThatThrownBy(() -> BoundedFiles.readText(f, 100, "board profile"))
                .hasMessage(f + ": not a UTF-8 text file (byte 2); give the board profile file");
        Path nul = Files.write(tmp.resolve("nul.yaml"), new byte[] {'a', 0});
        assertThatThrownBy(() -> BoundedFiles.readText(nul, 100, "scenario")).hasMessageContaining("(byte 1)");
    }

    @Test
    void missingFilesAndDirectoriesSayWhatIsWrong() {
        assertThatThrownBy(() -> BoundedFiles.readText(tmp.resolve("none.yaml"), 100, "scenario"))
                .hasMessage(tmp.resolve("none.yaml") + ": no such file; check the path");
        assertThatThrownBy(() -> BoundedFiles.readText(tmp, 100, "scenario"))
                .hasMessageContaining("is a directory, not a scenario file");
    }

    @Test
    void yamlAliasesAreRefusedWithTheirPlace() throws Exception {
        Path f = Files.writeString(tmp.resolve("alias.yaml"), "a: &x 1\nb: *x\n");
        assertThatThrownBy(() -> YamlInput.read(f, "scenario")).isInstanceOf(InputFileException.class)
                .hasMessage(f + ":2: YAML aliases/merge keys are not supported; write the values out");
        Path plain = Files.writeString(tmp.resolve("plain.yaml"), "a: '*x is text'\nb: \"&y\"\n");
        assertThat(YamlInput.read(plain, "scenario")).contains("*x is text");
    }

    @Test
    void mergeKeysAreRefusedWithTheirLineWithOrWithoutAnAlias() throws Exception {
        Path viaAlias = Files.writeString(tmp.resolve("merge.yaml"), "base: &b {x: 1}\nuse:\n  y: 2\n  <<: *b\n");
        assertThatThrownBy(() -> YamlInput.read(viaAlias, "board inventory")).isInstanceOf(InputFileException.class)
                .hasMessage(viaAlias + ":4: YAML aliases/merge keys are not supported; write the values out");
        Path inline = Files.writeString(tmp.resolve("inline.yaml"), "use:\n  <<: {x: 1}\n  y: 2\n");
        assertThatThrownBy(() -> YamlInput.read(inline, "scenario"))
                .hasMessage(inline + ":2: YAML aliases/merge keys are not supported; write the values out");
        Path quoted = Files.writeString(tmp.resolve("text.yaml"), "a: '<<'\nb: [\"<<: x\"]\n");
        assertThat(YamlInput.read(quoted, "scenario")).contains("'<<'"); // a value, not a key
    }

    @Test
    void invalidYamlIsLeftToTheCallersParser() {
        YamlInput.refuseAliases("a: [unclosed\n", Path.of("x.yaml"));
        assertThat("a: [unclosed").isNotEmpty(); // no exception: the caller reports the syntax error with its line
    }
}
