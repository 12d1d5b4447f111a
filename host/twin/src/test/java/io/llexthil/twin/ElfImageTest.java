package io.llexthil.twin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Compiles small extensions with the host's cc (ELF64, RELA) and the ARM cross compiler (ELF32, REL):
 * one with an {@code .exported_sym} table as Zephyr's LL_EXTENSION_SYMBOL lays it out (a
 * {@code {name, addr}} pair per entry), one without.
 */
class ElfImageTest {
    /** Exports f through the table; g is global with default visibility but not in the table; h is hidden. */
    private static final String WITH_TABLE = """
            struct sym { const char *name; const void *addr; };
            int g(void) { return 2; }
            __attribute__((visibility("hidden"))) int h(void) { return 3; }
            extern int imported(void);
            int f(void) { return imported() + g() + h(); }
            const struct sym symbol_f __attribute__((section(".exported_sym"), used)) = { "f", f };
            """;
    /** The model boards' form: exports are the default-visibility globals (the file is built hidden). */
    private static final String WITHOUT_TABLE = """
            __attribute__((visibility("default"))) int f(void) { return 1; }
            int hidden_entry(void) { return 2; }
            """;

    private static byte[] compile(Path dir, String cc, String name, String source) throws Exception {
        Path c = dir.resolve(name + ".c");
        Path o = dir.resolve(name + "-" + cc + ".o");
        Files.writeString(c, source);
        List<String> cmd = new ArrayList<>(List.of(cc, "-c", "-Os", "-fno-pic", "-fvisibility=hidden"));
        if (cc.contains("arm")) {
            cmd.addAll(List.of("-mcpu=cortex-m3", "-mthumb"));
        }
        cmd.addAll(List.of("-o", o.toString(), c.toString()));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", cmd)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
        return Files.readAllBytes(o);
    }

    @Test
    void under_llext_the_exported_sym_section_is_the_export_list_and_every_global_function_or_object_a_symbol(@TempDir Path dir)
            throws Exception {
        for (String cc : List.of("cc", "arm-none-eabi-gcc")) {
            byte[] img = compile(dir, cc, "tbl", WITH_TABLE.replace("int g(",
                    "__attribute__((visibility(\"default\"))) int g("));
            ExtensionSpec s = ElfImage.read("tbl", img, ElfImage.ExportRule.EXPORTED_SYM_SECTION);
            assertThat(s.exports()).as(cc).containsExactly("f");
            assertThat(s.imports()).as(cc).containsExactly("imported");
            // f, g, h and the table entry object symbol_f: global FUNC/OBJECT whatever the visibility
            assertThat(s.symbols()).as(cc).isEqualTo(4);
            // the model boards' loader ignores the table: g, the one default-visibility global here
            assertThat(ElfImage.read("tbl", img, ElfImage.ExportRule.DEFAULT_VISIBILITY).exports()).as(cc)
                    .containsExactly("g");
        }
    }

    @Test
    void under_the_model_loader_the_default_visibility_globals_are_the_exports(@TempDir Path dir) throws Exception {
        for (String cc : List.of("cc", "arm-none-eabi-gcc")) {
            byte[] img = compile(dir, cc, "plain", WITHOUT_TABLE);
            ExtensionSpec s = ElfImage.read("plain", img, ElfImage.ExportRule.DEFAULT_VISIBILITY);
            assertThat(s.exports()).as(cc).containsExactly("f");
            // LLEXT exports nothing without the section, whatever the visibility
            assertThat(ElfImage.read("plain", img, ElfImage.ExportRule.EXPORTED_SYM_SECTION).exports()).as(cc)
                    .isEmpty();
            assertThat(s.imports()).as(cc).isEmpty();
            assertThat(s.symbols()).as(cc).isEqualTo(2);
            assertThat(s.sections()).as(cc).isGreaterThan(4);
        }
    }

    @Test
    void not_an_elf_file_or_a_truncated_one_is_refused_with_its_name() {
        assertThatThrownBy(() -> ElfImage.read("x", new byte[64], ElfImage.ExportRule.DEFAULT_VISIBILITY)).hasMessageContaining("'x' is not an ELF file");
        byte[] head = new byte[64];
        head[0] = 0x7f;
        head[1] = 'E';
        head[2] = 'L';
        head[3] = 'F';
        head[4] = 1;
        head[5] = 1;
        head[32] = (byte) 0xf0;   // section headers far past the end
        head[48] = 3;
        assertThatThrownBy(() -> ElfImage.read("t", head, ElfImage.ExportRule.EXPORTED_SYM_SECTION)).hasMessageContaining("'t' is a truncated or malformed ELF");
    }
}
