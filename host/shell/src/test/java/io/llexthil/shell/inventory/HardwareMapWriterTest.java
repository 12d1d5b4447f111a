package io.llexthil.shell.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.llexthil.shell.BoardProfile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated hardware map is what twister writes, and --hardware-map reads it back unchanged. */
class HardwareMapWriterTest {
    @TempDir Path dir;

    @Test
    void generatedEntriesReadBackUnchanged() {
        Path file = dir.resolve("map.yml");
        HardwareMapWriter.write(file, List.of(
                new HardwareMapWriter.PortEntry("/dev/serial/by-id/usb-SEGGER_J-Link_001050076605-if00", "001050076605",
                        "J-Link"),
                new HardwareMapWriter.PortEntry("/dev/ttyUSB0", null, null)));

        List<HardwareMapEntry> entries = HardwareMap.load(file).entries();

        Map<String, Object> first = new LinkedHashMap<>();
        first.put("connected", true);
        first.put("id", "001050076605");
        first.put("platform", "unknown");
        first.put("product", "J-Link");
        first.put("serial", "/dev/serial/by-id/usb-SEGGER_J-Link_001050076605-if00");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).raw()).containsExactlyEntriesOf(first);
        assertThat(entries.get(1).raw()).containsEntry("id", "/dev/ttyUSB0").containsEntry("product", "unknown");
        List<BoardProfile> boards = Inventory.load(file, null).boards();
        assertThat(boards).extracting(BoardProfile::link).containsExactly(
                "serial:///dev/serial/by-id/usb-SEGGER_J-Link_001050076605-if00?baud=115200",
                "serial:///dev/ttyUSB0?baud=115200");
    }

    @Test
    void noPortsIsAnEmptyButValidMap() {
        Path file = dir.resolve("empty.yml");
        HardwareMapWriter.write(file, List.of());

        assertThat(HardwareMap.load(file).entries()).isEmpty();
        assertThat(Inventory.load(file, null).boards()).isEmpty();
    }
}
