package io.llexthil.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llexthil.shell.BoardProfile;
import org.junit.jupiter.api.Test;

/** How a bare {@code --link} becomes a board profile. */
class BoardsProfileTest {

    @Test
    void aBoardOnACableMayAlreadyBeRunningSoNoBannerIsRequiredAndItResetsThroughItsShell() {
        BoardProfile serial = Boards.profile(null, null, "serial:///dev/ttyACM0?baud=115200");
        assertThat(serial.bannerRequired()).isFalse();
        assertThat(serial.reset().method()).isEqualTo("command");
        assertThat(serial.reset().command()).isEqualTo("kernel reboot cold");
        assertThat(Boards.profile(null, null, "tcp://127.0.0.1:5555").reset().describe())
                .isEqualTo("shell command 'kernel reboot cold'");
    }

    @Test
    void boardsWeStartOurselvesPrintTheirBannerAndResetThroughTheLink() {
        BoardProfile sim = Boards.profile(null, null, "sim:?flash=/tmp/x.flash");
        assertThat(sim.bannerRequired()).isTrue();
        assertThat(sim.reset().method()).isEqualTo("hard");
    }

    @Test
    void differentLinksNeverShareALock() {
        String a = Boards.profile(null, null, "sim:?flash=/tmp/a.flash").id();
        String b = Boards.profile(null, null, "sim:?flash=/tmp/b.flash").id();
        String c = Boards.profile(null, null, "tcp://127.0.0.1:5555").id();
        assertThat(a).isNotEqualTo(b).isNotEqualTo(c);
        assertThat(a).matches("[A-Za-z0-9._-]+");
        assertThat(Boards.profile(null, null, "sim:?flash=/tmp/a.flash").id()).isEqualTo(a);
    }

    @Test
    void aBadLinkIsRejectedWithTheGrammarsMessage() {
        assertThatThrownBy(() -> Boards.profile(null, null, "ttyACM0 at 115200"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
