package io.llexthil.cli;

import io.llexthil.link.serial.SerialPorts;
import io.llexthil.shell.inventory.HardwareMap;
import io.llexthil.testkit.SocatPtyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** boards --scan and --generate-hardware-map on whatever ports this machine has (a pty is never one). */
class PortScanTest extends CliHarness {
    @TempDir
    Path tmp;

    @Test
    void scanListsTheMachinesPortsAndNeverAPty() {
        try (SocatPtyPair pair = SocatPtyPair.start(Duration.ofSeconds(5))) {
            int ports = SerialPorts.scan().size();

            int rc = run("boards", "--scan");

            assertThat(rc).as(stderr()).isZero();
            assertThat(stdout()).doesNotContain(pair.first()).doesNotContain(pair.second());
            if (ports == 0) {
                assertThat(stdout()).startsWith("no serial ports found").contains("a pty is not a port");
            } else {
                assertThat(stdout()).startsWith("port ").contains("serial number");
                assertThat(stdout().lines().count()).isEqualTo(ports + 1);
            }
        }
    }

    @Test
    void aGeneratedMapIsReadBackByHardwareMap() {
        Path map = tmp.resolve("map.yml");
        int ports = SerialPorts.scan().size();

        int rc = run("boards", "--generate-hardware-map", map.toString());

        assertThat(rc).as(stderr()).isZero();
        assertThat(stdout()).contains("hardware map: " + map);
        assertThat(HardwareMap.load(map).entries()).hasSize(ports)
                .allSatisfy(e -> assertThat(e.raw()).containsEntry("connected", true).containsEntry("platform", "unknown"));
        out.reset();
        assertThat(run("boards", "--hardware-map", map.toString(), "--no-check")).isZero();
    }
}
