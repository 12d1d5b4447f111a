package io.llexthil.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.llexthil.link.LinkUrl;
import org.junit.jupiter.api.Test;

class FreshFlashTest {

    @Test
    void replacesTheFlashParameterAndKeepsTheOthersInOrder() {
        String url = FreshFlash.withFlash("sim:?flash=${run}/sim.flash&transport=tcp&profile=upstream", "/tmp/x/sim.flash");
        assertThat(url).isEqualTo("sim:?flash=/tmp/x/sim.flash&transport=tcp&profile=upstream");
    }

    @Test
    void addsTheFlashParameterWhenMissing() {
        assertThat(FreshFlash.withFlash("sim:?transport=pty", "/f")).isEqualTo("sim:?transport=pty&flash=/f");
        assertThat(FreshFlash.withFlash("sim:", "/f")).isEqualTo("sim:?flash=/f");
        assertThat(FreshFlash.withFlash("sim:?", "/f")).isEqualTo("sim:?flash=/f");
    }

    @Test
    void aParameterThatOnlyEndsInFlashIsLeftAlone() {
        assertThat(FreshFlash.withFlash("sim:?noflash=1&flash=/old", "/new")).isEqualTo("sim:?noflash=1&flash=/new");
    }

    @Test
    void pathsWithUrlCharactersSurviveTheLinkGrammar() {
        String path = "/tmp/my board&co=1%?.flash";
        LinkUrl parsed = LinkUrl.parse(FreshFlash.withFlash("sim:?flash=/old&transport=tcp", path));
        assertThat(parsed.param("flash", "")).isEqualTo(path);
        assertThat(parsed.param("transport", "")).isEqualTo("tcp");
    }

    @Test
    void onlySimLinksAreSims() {
        assertThat(FreshFlash.applies("sim:?flash=/f")).isTrue();
        assertThat(FreshFlash.applies("tcp://127.0.0.1:5555")).isFalse();
        assertThat(FreshFlash.applies(null)).isFalse();
    }
}
