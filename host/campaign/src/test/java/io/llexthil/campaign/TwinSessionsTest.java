package io.llexthil.campaign;

import io.llexthil.board.BoardInfo;
import io.llexthil.board.HeapStats;
import io.llexthil.campaign.twin.TwinSession;
import io.llexthil.campaign.twin.TwinSessions;
import io.llexthil.campaign.twin.TwinView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The adapter over the real twin, fed with the real sample extensions compiled by the host's cc. */
class TwinSessionsTest {
    private static final Path EXT = Path.of(System.getProperty("llexthil.repo", "../.."), "firmware/model/ext");
    private static final Map<String, byte[]> IMAGES = new HashMap<>();

    @TempDir
    static Path out;

    @BeforeAll
    static void compile() throws Exception {
        for (String n : List.of("producer", "consumer", "counter")) {
            Path o = out.resolve(n + ".o");
            Process p = new ProcessBuilder("cc", "-c", "-O1", "-fvisibility=hidden", "-o", o.toString(),
                    EXT.resolve(n + ".c").toString()).inheritIO().start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            IMAGES.put(n, Files.readAllBytes(o));
        }
    }

    private static TwinSession twin(String profile) {
        BoardInfo info = new BoardInfo("0.1.0", "b", "4.2.0", "sim", "posix", new BoardInfo.TargetSizes(352, 16, 16, 8), 8,
                new HeapStats(16384, 0, 16384, 0, 0), new BoardInfo.FlashGeometry(0, 65536, 4096, 8), 32768, 0, 1,
                "power-on", profile, true, new BoardInfo.UploadParams(256, 4, 1024), List.of(), "{}");
        return new TwinSessions().create(profile, info);
    }

    private static void loadPair(TwinSession t) {
        t.upload("producer");
        t.upload("consumer");
        assertThat(t.load("producer", IMAGES.get("producer")).rc()).isZero();
        assertThat(t.load("consumer", IMAGES.get("consumer")).rc()).isZero();
    }

    @Test
    void saveResetRestoreRebindsTheDependency() {
        TwinSession t = twin("upstream");
        loadPair(t);
        long heapLoaded = t.view().heapUsed();
        assertThat(t.view().exts()).extracting(e -> e.name() + ":" + e.useCount() + ":" + e.deps())
                .containsExactly("producer:2:[]", "consumer:1:[producer]");
        assertThat(t.save(List.of()).rc()).isZero();
        t.reset(null);
        assertThat(t.view().exts()).isEmpty();
        assertThat(t.view().heapUsed()).isZero();
        assertThat(t.restore(List.of()).rc()).isZero();
        TwinView v = t.view();
        assertThat(v.exts()).extracting(e -> e.name() + ":" + e.useCount() + ":" + e.deps())
                .containsExactly("producer:2:[]", "consumer:1:[producer]");
        assertThat(v.heapUsed()).isEqualTo(heapLoaded);
        assertThat(v.ctxSaved()).containsExactly("producer", "consumer");
    }

    @Test
    void dependencyOnTheCopySavedLastIsRejectedUpstreamButNotByTheContract() {
        for (String profile : List.of("upstream", "contract")) {
            TwinSession t = twin(profile);
            loadPair(t);
            assertThat(t.save(List.of("consumer", "producer")).rc()).isZero();
            t.reset(null);
            int rc = t.restore(List.of()).rc();
            assertThat(rc).as(profile).isEqualTo(profile.equals("upstream") ? -22 : 0);
        }
    }

    @Test
    void firmwareRulesAroundTheAlgorithm() {
        TwinSession t = twin("upstream");
        assertThat(t.restore(List.of()).rc()).as("nothing saved").isEqualTo(-2);
        assertThat(t.load("producer", IMAGES.get("producer")).rc()).as("no image uploaded").isEqualTo(-2);
        loadPair(t);
        t.save(List.of());
        t.reset(null);
        assertThat(t.restore(List.of()).rc()).isZero();
        assertThat(t.restore(List.of()).rc()).as("a second restore walks the first one's extensions: upstream's range check")
                .isEqualTo(-22);
        t.reset("00000000deadbeef");
        assertThat(t.restore(List.of()).rc()).as("another build").isEqualTo(-8);
        assertThat(t.view().ctxSaved()).isNull();
        t.reset("default");
        assertThat(t.restore(List.of()).rc()).isZero();
        t.erase();
        t.reset(null);
        assertThat(t.load("producer", IMAGES.get("producer")).rc()).as("uploads are gone after a reset").isEqualTo(-2);
        assertThat(t.restore(List.of()).rc()).as("erased").isEqualTo(-2);
    }

    @Test
    void allocationFaultDuringRestore() {
        TwinSession t = twin("upstream");
        loadPair(t);
        t.save(List.of());
        t.reset(null);
        t.armAllocFault(1);
        assertThat(t.restore(List.of()).rc()).isEqualTo(-12);
        assertThat(t.allocFaultPending()).isFalse();
        t.clearFaults();
        t.reset(null);
        t.armAllocFault(1000);
        assertThat(t.restore(List.of()).rc()).isZero();
        assertThat(t.allocFaultPending()).isTrue();
    }

    @Test
    void contextSlotsAlternateAndBelongToABuild() {
        TwinSession t = twin("upstream");
        loadPair(t);
        assertThat(t.view().active()).isNull();
        t.save(List.of("producer"));
        assertThat(t.view().active()).isEqualTo("A");
        t.save(List.of());
        TwinView v = t.view();
        assertThat(v.active()).isEqualTo("B");
        assertThat(v.slots()).extracting(sv -> sv.slot() + ":" + sv.valid() + ":" + sv.seq() + ":" + sv.exts())
                .containsExactly("A:true:1:[producer]", "B:true:2:[producer, consumer]");
        t.save(List.of("producer"));
        assertThat(t.view().active()).as("the newest is kept, the older one overwritten").isEqualTo("A");
        assertThat(t.view().slots().get(0).seq()).isEqualTo(3);
        t.reset("00000000deadbeef");
        assertThat(t.view().active()).isNull();
        assertThat(t.view().slots()).noneMatch(sv -> sv.valid());
        t.reset("default");
        t.powerCutDuringSave(List.of(), false);
        assertThat(t.view().slots()).as("a half-written slot makes the numbering unknown").isNull();
        t.erase();
        assertThat(t.view().slots()).extracting(sv -> sv.valid()).containsExactly(false, false);
    }
}
