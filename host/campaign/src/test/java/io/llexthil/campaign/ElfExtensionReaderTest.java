package io.llexthil.campaign;

import io.llexthil.campaign.twin.ElfExtensionReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Compiles the real sample extension sources with the host's cc and the ARM cross compiler. */
class ElfExtensionReaderTest {
    private static final Path EXT = Path.of(System.getProperty("llexthil.repo", "../.."), "firmware/model/ext");

    private static byte[] compile(String cc, String source, Path out, String... defines) throws Exception {
        Path obj = out.resolve(source.replace(".c", "") + String.join("", defines) + "-" + cc + ".o");
        List<String> cmd = new java.util.ArrayList<>(List.of(cc, "-c", "-O1", "-fvisibility=hidden", "-fno-pic"));
        if (cc.contains("arm")) {
            cmd.add("-mcpu=cortex-m3");
            cmd.add("-mthumb");
        }
        cmd.addAll(List.of(defines));
        cmd.addAll(List.of("-o", obj.toString(), EXT.resolve(source).toString()));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
        return Files.readAllBytes(obj);
    }

    @Test
    void readsExportsImportsAndSectionsOf64BitHostObjects(@TempDir Path out) throws Exception {
        ElfExtensionReader.Meta producer = ElfExtensionReader.read("producer", compile("cc", "producer.c", out));
        assertThat(producer.exports()).containsExactlyInAnyOrder("producer_value", "producer_twice");
        assertThat(producer.imports()).isEmpty();
        assertThat(producer.sections()).isGreaterThan(4);
        ElfExtensionReader.Meta consumer = ElfExtensionReader.read("consumer", compile("cc", "consumer.c", out));
        assertThat(consumer.exports()).containsExactly("consumer_sum");
        assertThat(consumer.imports()).containsExactlyInAnyOrder("producer_value", "producer_twice");
        ElfExtensionReader.Meta noexp = ElfExtensionReader.read("noexp", compile("cc", "noexp.c", out));
        assertThat(noexp.exports()).as("hidden visibility is not an export").isEmpty();
    }

    @Test
    void readsThirtyTwoBitArmObjects(@TempDir Path out) throws Exception {
        ElfExtensionReader.Meta chain8 = ElfExtensionReader.read("chain8", compile("arm-none-eabi-gcc", "chain8.c", out));
        assertThat(chain8.exports()).containsExactly("chain8_fn");
        assertThat(chain8.imports()).containsExactlyInAnyOrder("chain0_fn", "chain1_fn", "chain2_fn", "chain3_fn",
                "chain4_fn", "chain5_fn", "chain6_fn", "chain7_fn");
        ElfExtensionReader.Meta chain3 = ElfExtensionReader.read("chain3",
                compile("arm-none-eabi-gcc", "chain_link.c", out, "-DCHAIN_INDEX=3"));
        assertThat(chain3.exports()).containsExactly("chain3_fn");
    }

    @Test
    void rejectsNonElf() {
        assertThatThrownBy(() -> ElfExtensionReader.read("x", new byte[64])).hasMessageContaining("not an ELF file");
    }
}
