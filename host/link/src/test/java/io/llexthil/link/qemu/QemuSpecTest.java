package io.llexthil.link.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llexthil.link.Link;
import io.llexthil.link.LinkUrl;
import io.llexthil.link.Links;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The qemu: URL (docs/qemu.md) and the command line built from it. */
class QemuSpecTest {

    @Test
    void readsAFullUrl() {
        QemuSpec spec = QemuSpec.fromUrl(LinkUrl.parse(
                "qemu:arm?machine=mps2-an385&kernel=/fw/zephyr.elf&extra=-m%2016M%20-icount%20shift=auto&workdir=/tmp/q"));

        assertThat(spec.binary()).isEqualTo("qemu-system-arm");
        assertThat(spec.machine()).isEqualTo("mps2-an385");
        assertThat(spec.kernel()).isEqualTo(Path.of("/fw/zephyr.elf"));
        assertThat(spec.extraArgs()).containsExactly("-m", "16M", "-icount", "shift=auto");
        assertThat(spec.workDir()).isEqualTo(Path.of("/tmp/q"));
    }

    @Test
    void binaryOverridesTheTargetAndWorkdirDefaultsToATempDir() {
        QemuSpec spec = QemuSpec.fromUrl(LinkUrl.parse(
                "qemu:x86_64?machine=q35&kernel=k.elf&binary=/opt/qemu/bin/qemu-system-x86_64"));

        assertThat(spec.binary()).isEqualTo("/opt/qemu/bin/qemu-system-x86_64");
        assertThat(spec.extraArgs()).isEmpty();
        assertThat(spec.workDir()).isNull();
    }

    @Test
    void badUrlsGetOneLineMessagesWithAnExample() {
        assertThatThrownBy(() -> QemuSpec.fromUrl(LinkUrl.parse("qemu:arm?kernel=fw.elf")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing parameter 'machine'")
                .hasMessageContaining("machine=mps2-an385");
        assertThatThrownBy(() -> QemuSpec.fromUrl(LinkUrl.parse("qemu:arm?machine=mps2-an385")))
                .hasMessageContaining("missing parameter 'kernel'");
        assertThatThrownBy(() -> QemuSpec.fromUrl(LinkUrl.parse("qemu:arm?machine=m&kernel=k&machnie=x")))
                .hasMessageContaining("unknown parameter 'machnie'").hasMessageContaining("binary, build-id, extra, kernel");
        assertThatThrownBy(() -> QemuSpec.fromUrl(LinkUrl.parse("qemu:?machine=m&kernel=k")))
                .hasMessageContaining("qemu:arm?machine=mps2-an385");
        assertThatThrownBy(() -> QemuSpec.fromUrl(LinkUrl.parse("qemu:../bin/sh?machine=m&kernel=k")))
                .hasMessageContaining("must name a qemu-system-* binary");
    }

    @Test
    void theFactoryBuildsAnUnopenedQemuLinkForTheScheme() {
        try (Link link = Links.create("qemu:arm?machine=mps2-an385&kernel=/fw/zephyr.elf")) {
            assertThat(link).isInstanceOf(QemuLink.class);
            assertThat(link.isOpen()).isFalse();
            assertThat(link.url().text()).isEqualTo("qemu:arm?machine=mps2-an385&kernel=/fw/zephyr.elf");
        }
    }

    @Test
    void commandLineStartsPausedWithLoopbackNodelaySocketsAndATranscript() {
        QemuSpec spec = new QemuSpec("qemu-system-arm", "mps2-an385", Path.of("/fw/a.elf"), List.of("-m", "16M"),
                null);

        List<String> args = QemuCommandLine.build(spec, 4001, 4002, Path.of("/runs/x,y/serial.log"));

        assertThat(args).containsExactly("qemu-system-arm", "-machine", "mps2-an385", "-nographic", "-monitor", "none",
                "-S",
                "-chardev", "socket,id=ser0,host=127.0.0.1,port=4001,server=on,wait=off,nodelay=on,"
                        + "logfile=/runs/x,,y/serial.log",
                "-serial", "chardev:ser0",
                "-chardev", "socket,id=qmp0,host=127.0.0.1,port=4002,server=on,wait=off,nodelay=on",
                "-mon", "chardev=qmp0,mode=control",
                "-kernel", "/fw/a.elf", "-m", "16M");
    }

    @Test
    void freePortsAreDistinctAndBindable() {
        int[] ports = FreePorts.pick(2);

        assertThat(ports[0]).isNotEqualTo(ports[1]).isPositive();
        assertThat(ports[1]).isPositive();
    }
}
