package io.llexthil.shell.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.llexthil.link.ControlLine;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.reset.ResetStep;

class InventoryTest {
    @TempDir Path dir;

    static final String TWISTER_MAP = """
            - connected: true
              id: '001050076605'
              platform: nrf52840dk/nrf52840
              product: J-Link
              runner: nrfjprog
              runner_params:
                - --softreset
              serial: /dev/ttyACM1
              baud: 115200
              fixtures:
                - gpio_loopback
                - i2c_bus:0x50
              flash_timeout: 120
              hooks:
                - type: pre_flash
                  script: /opt/relay.sh
                  args: [on]
                  timeout: 5
              notes: bench 3, left
              custom_lab_key: {rack: 4, slot: 2}
            - connected: false
              id: '000683290670'
              platform: [frdm_k64f, frdm_k64f/mk64f12]
              product: DAPLink CMSIS-DAP
              runner: pyocd
              serial: /dev/ttyACM0
            - connected: true
              id: '0672FF'
              platform: [nucleo_h743zi, nucleo_h743zi/stm32h743xx]
              product: STM32 STLink
              runner: openocd
              serial: /dev/serial/by-id/usb-STM-if02
              serial_baud: 921600
              available: true
            """;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void twisterMapIsReadUnchangedWithUnknownKeysKept() throws Exception {
        Path map = write("map.yml", TWISTER_MAP);

        HardwareMap hw = HardwareMap.load(map);

        List<?> plain = new ObjectMapper(new YAMLFactory()).readValue(map.toFile(), List.class);
        assertThat(hw.entries()).extracting(HardwareMapEntry::raw).containsExactlyElementsOf(castList(plain));
        HardwareMapEntry first = hw.entries().get(0);
        assertThat(first.raw().keySet()).containsExactly("connected", "id", "platform", "product", "runner",
                "runner_params", "serial", "baud", "fixtures", "flash_timeout", "hooks", "notes", "custom_lab_key");
        assertThat(first.raw().get("custom_lab_key")).isEqualTo(Map.of("rack", 4, "slot", 2));
        assertThat(first.platforms()).containsExactly("nrf52840dk/nrf52840");
        assertThat(hw.entries().get(1).platforms()).containsExactly("frdm_k64f", "frdm_k64f/mk64f12");
        assertThat(hw.entries().get(2).baud()).isEqualTo(921600);
        assertThat(first.where()).isEqualTo(map + ": entry 1 (id 001050076605)");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castList(List<?> l) { return (List<Map<String, Object>>) l; }

    @Test
    void connectedEntriesBecomeBoardsWithZephyrDefaults() throws Exception {
        Inventory inv = Inventory.load(write("map.yml", TWISTER_MAP), null);

        assertThat(inv.boards()).extracting(BoardProfile::name).containsExactly("001050076605", "0672FF");
        BoardProfile nrf = inv.board("001050076605");
        assertThat(nrf.link()).isEqualTo("serial:///dev/ttyACM1?baud=115200");
        assertThat(nrf.prompt()).isEqualTo("uart:~$ ");
        assertThat(nrf.bannerRequired()).isTrue();
        assertThat(nrf.reset().method()).isEqualTo("command");
        assertThat(nrf.reset().command()).isEqualTo("kernel reboot cold");
        assertThat(nrf.twister()).containsEntry("notes", "bench 3, left").containsKey("custom_lab_key");
        assertThat(inv.board("0672FF").link()).isEqualTo("serial:///dev/serial/by-id/usb-STM-if02?baud=921600");
        assertThatThrownBy(() -> inv.board("nope")).isInstanceOf(InventoryException.class)
                .hasMessage("no board named 'nope' (known: 001050076605, 0672FF)");
    }

    @Test
    void ourKeysMayLiveInTheHardwareMapEntry() throws Exception {
        Path map = write("map.yml", """
                - connected: true
                  id: 'esp-1'
                  name: esp32-bench
                  platform: esp32_devkitc_wroom/esp32/procpu
                  serial: /dev/ttyUSB0
                  link: rfc2217://lab-pi:4001?baud=115200
                  prompt_regex: '[a-z]+:~\\$ '
                  retval: true
                  pacing: {chunk: 8, delay: 10ms}
                  timeouts: {command: 20s, ready: 1.5s, quiet: 300}
                  reset: {method: pulse, preset: esp32}
                """);

        BoardProfile esp = Inventory.load(map, null).board("esp32-bench");

        assertThat(esp.id()).isEqualTo("esp-1");
        assertThat(esp.link()).isEqualTo("rfc2217://lab-pi:4001?baud=115200");
        assertThat(esp.promptRegex()).isTrue();
        assertThat(esp.retval()).isTrue();
        assertThat(esp.txChunk()).isEqualTo(8);
        assertThat(esp.txDelay()).isEqualTo(Duration.ofMillis(10));
        assertThat(esp.commandTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(esp.readyTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(esp.quietPeriod()).isEqualTo(Duration.ofMillis(300));
        assertThat(esp.reset().steps()).first().isEqualTo(new ResetStep(ControlLine.DTR, false, 0));
        assertThat(esp.reset().steps()).contains(new ResetStep(ControlLine.RTS, true, 100));
    }

    @Test
    void aProfileFileIsMergedIntoTheEntryWithTheSameIdAndTheEntryWins() throws Exception {
        Path map = write("map.yml", TWISTER_MAP);
        write("boards/nrf.yaml", """
                name: nrf52840-bench
                id: '001050076605'
                baud: 9600
                prompt: 'nrf:~$ '
                banner: {required: false}
                reset:
                  method: pulse
                  steps:
                    - {line: RTS, level: low, holdMs: 100}
                    - {line: RTS, level: high, holdMs: 0}
                """);
        write("boards/sim.yaml", """
                name: sim
                link: sim:///tmp/flash.bin
                reset: {method: hard}
                """);

        Inventory inv = Inventory.load(map, dir.resolve("boards"));

        assertThat(inv.boards()).extracting(BoardProfile::name).containsExactly("nrf52840-bench", "0672FF", "sim");
        BoardProfile nrf = inv.board("001050076605");
        assertThat(nrf.baud()).isEqualTo(115200); // the map entry's baud wins over the profile's
        assertThat(nrf.prompt()).isEqualTo("nrf:~$ ");
        assertThat(nrf.bannerRequired()).isFalse();
        assertThat(nrf.reset().steps()).containsExactly(new ResetStep(ControlLine.RTS, true, 100),
                new ResetStep(ControlLine.RTS, false, 0));
        assertThat(inv.board("sim").reset().method()).isEqualTo("hard");
        assertThat(inv.board("sim").twister()).isEmpty();
    }

    @Test
    void errorsNameFileEntryAndField() throws Exception {
        Path map = write("x.yaml", """
                - connected: true
                  id: 'a1'
                  serial: /dev/ttyACM0
                - connected: true
                  id: '0010500'
                  serial: /dev/ttyACM1
                  baud: fast
                """);

        assertThatThrownBy(() -> HardwareMap.load(map)).isInstanceOf(InventoryException.class)
                .hasMessage(map + ": entry 2 (id 0010500): field 'baud': expected an integer, got 'fast'");
    }

    @Test
    void nestedFieldErrorsNameTheirPath() throws Exception {
        Path map = write("m.yaml", """
                - connected: true
                  id: 'b7'
                  serial: /dev/ttyACM0
                  reset: {method: pulse, steps: [{line: RTS, level: sideways, holdMs: 5}]}
                """);
        // the entry is set aside at load; asking for it gives its error
        assertThatThrownBy(() -> Inventory.load(map, null).board("b7")).isInstanceOf(InventoryException.class)
                .hasMessage(map + ": entry 1 (id b7): field 'reset.steps[0].level': expected low (asserted) or high (released), got 'sideways'");

        Path profile = write("boards/p.yaml", "name: p\ntimeouts: {ready: soon}\n");
        assertThatThrownBy(() -> Inventory.loadProfile(profile)).isInstanceOf(InventoryException.class)
                .hasMessage(profile + ": field 'timeouts.ready': expected a duration such as 500ms, 5s or 2m, got 'soon'");

        Path typo = write("boards/t.yaml", "name: t\npromt: 'x'\n");
        assertThatThrownBy(() -> Inventory.loadProfile(typo)).isInstanceOf(InventoryException.class)
                .hasMessageStartingWith(typo + ": field 'promt': unknown (known: ");

        Path preset = write("boards/r.yaml", "name: r\nreset: {method: pulse, preset: esp8266}\n");
        assertThatThrownBy(() -> Inventory.loadProfile(preset)).isInstanceOf(InventoryException.class)
                .hasMessage(preset + ": field 'reset.preset': unknown preset 'esp8266' (known: dtr-low-100ms, esp32, esp32-bootloader, rts-low-100ms)");
    }

    @Test
    void aliasesAndMergeKeysInBoardFilesAndHardwareMapsAreRefusedWithTheirLine() throws Exception {
        String refused = ": YAML aliases/merge keys are not supported; write the values out";
        Path profile = write("boards/m.yaml", "name: m\ntimeouts: &t {ready: 5s}\nreset:\n  <<: {method: hard}\n");
        assertThatThrownBy(() -> Inventory.loadProfile(profile)).isInstanceOf(InventoryException.class)
                .hasMessage(profile + ":4" + refused);

        Path map = write("map.yaml", "- &base\n  id: 'a'\n  platform: p\n- <<: *base\n  id: 'b'\n");
        assertThatThrownBy(() -> HardwareMap.load(map)).isInstanceOf(InventoryException.class)
                .hasMessage(map + ":4" + refused);
    }

    @Test
    void aBrokenProfileFileOrMapEntryIsSetAsideAndTheOthersStayUsable() throws Exception {
        write("boards/good.yaml", "name: good\nid: g1\nlink: 'serial:///dev/ttyNOPE0'\n");
        Path bad = write("boards/bad.yaml", "name: [unclosed\n");
        Path wrong = write("boards/wrong.yaml", "name: wrong\nid: w1\ntimeouts: {ready: soon}\n");
        Path map = write("map.yml", """
                - connected: true
                  id: m1
                  serial: /dev/ttyNOPE1
                - connected: true
                  id: m2
                  serial: /dev/ttyNOPE2
                  baud: fast
                - connected: true
                  id: bad
                  serial: /dev/ttyNOPE3
                - just a string
                """);

        Inventory inv = Inventory.load(map, dir.resolve("boards"));

        assertThat(inv.boards()).extracting(BoardProfile::name).containsExactly("m1", "good");
        assertThat(inv.broken()).extracting(BrokenBoard::source).containsExactly(bad.toString(),
                map + ": entry 2 (id m2)", map + ": entry 4", map + ": entry 3 (id bad)", wrong.toString());
        assertThat(inv.broken()).allSatisfy(b -> assertThat(b.problem()).doesNotContain("\n"));
        assertThatThrownBy(() -> inv.board("bad")).hasMessageStartingWith(bad + ":1: not valid YAML at column ");
        assertThatThrownBy(() -> inv.board("w1")).hasMessage(wrong + ": field 'timeouts.ready': expected a duration"
                + " such as 500ms, 5s or 2m, got 'soon'");
        assertThatThrownBy(() -> inv.board("wrong")).hasMessageStartingWith(wrong + ": field 'timeouts.ready'");
        assertThatThrownBy(() -> inv.board("m2")).hasMessage(map + ": entry 2 (id m2): field 'baud': expected an integer, got 'fast'");
        // an entry whose profile file cannot be read would lose that file's keys without a word
        assertThatThrownBy(() -> inv.board("entry-3")).hasMessageStartingWith("no board named 'entry-3'")
                .hasMessageContaining("; unreadable: " + bad);
        assertThat(inv.broken().get(3).problem()).startsWith(map + ": entry 3 (id bad): its board profile cannot be read: "
                + bad + ":1: not valid YAML");
    }

    @Test
    void badYamlAndWrongShapesAreOneLineErrors() throws Exception {
        Path broken = write("broken.yaml", "- id: 'a'\n  serial: [unclosed\n");
        assertThatThrownBy(() -> HardwareMap.load(broken)).isInstanceOf(InventoryException.class)
                .hasMessageStartingWith(broken + ":2: not valid YAML at column ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

        Path notASequence = write("map2.yaml", "id: 'a'\n");
        assertThatThrownBy(() -> HardwareMap.load(notASequence)).isInstanceOf(InventoryException.class)
                .hasMessage(notASequence + ": expected a YAML sequence of board entries (twister hardware map), got a mapping");

        assertThatThrownBy(() -> HardwareMap.load(dir.resolve("missing.yaml"))).isInstanceOf(InventoryException.class)
                .hasMessage(dir.resolve("missing.yaml") + ": no such file");
    }

    @Test
    void theFullExampleInDocsBoardsMdLoads() throws Exception {
        Path doc = Path.of(System.getProperty("llexthil.repo", "../.."), "docs", "boards.md");
        String text = Files.readString(doc);
        String profile = between(text, "<!-- profile-example -->\n```yaml\n", "```");
        String hw = between(text, "<!-- map-example -->\n```yaml\n", "```");
        write("boards/nrf52840dk-1.yaml", profile);
        write("map.yml", hw);

        Inventory inv = Inventory.load(dir.resolve("map.yml"), dir.resolve("boards"));

        assertThat(inv.boards()).isNotEmpty();
        BoardProfile p = Inventory.loadProfile(dir.resolve("boards/nrf52840dk-1.yaml"));
        assertThat(p.name()).isEqualTo("nrf52840dk-1");
        assertThat(inv.board(p.id()).name()).isEqualTo("nrf52840dk-1");
    }

    private static String between(String text, String start, String end) {
        int a = text.indexOf(start);
        assertThat(a).as("docs/boards.md contains " + start.strip()).isGreaterThanOrEqualTo(0);
        int b = text.indexOf(end, a + start.length());
        return text.substring(a + start.length(), b);
    }

    @Test
    void aProfileWithoutPacingTypesAtTheLinksPaceAndReadyLineIsChecked() throws IOException {
        BoardProfile bare = Inventory.loadProfile(write("boards/q.yaml", "name: q\nlink: qemu:arm?machine=mps2-an385&kernel=/x.elf\n"));
        assertThat(bare.pacingSet()).isFalse();
        assertThat(bare.readyLine()).isEqualTo(BoardProfile.ReadyLine.AUTO);
        assertThat(bare.pacingFor(io.llexthil.link.LinkUrl.parse(bare.link()))).isEqualTo(io.llexthil.link.Pacing.UNPACED);
        assertThat(bare.pacingFor(io.llexthil.link.LinkUrl.parse("serial:///dev/ttyACM0")))
                .isEqualTo(io.llexthil.link.Pacing.GENERIC_SERIAL);

        BoardProfile paced = Inventory.loadProfile(write("boards/p.yaml",
                "name: p\nlink: qemu:arm?machine=mps2-an385&kernel=/x.elf\npacing: {chunk: 8, delay: 1ms}\nready_line: required\n"));
        assertThat(paced.pacingFor(io.llexthil.link.LinkUrl.parse(paced.link())))
                .isEqualTo(new io.llexthil.link.Pacing(8, Duration.ofMillis(1)));
        assertThat(paced.readyLine()).isEqualTo(BoardProfile.ReadyLine.REQUIRED);

        Path bad = write("boards/r.yaml", "name: r\nready_line: sometimes\n");
        assertThatThrownBy(() -> Inventory.loadProfile(bad)).isInstanceOf(InventoryException.class)
                .hasMessageContaining("field 'ready_line': expected auto or required, got 'sometimes'");
    }
}
