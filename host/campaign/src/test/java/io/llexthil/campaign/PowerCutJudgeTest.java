package io.llexthil.campaign;

import io.llexthil.board.CtxInfo;
import io.llexthil.campaign.run.PowerCutJudge;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PowerCutJudgeTest {
    private static CtxInfo ctx(String active, CtxInfo.Slot... slots) {
        return new CtxInfo(active, List.of(slots), "{}");
    }

    private static CtxInfo.Slot slot(String s, boolean valid, long seq, List<String> exts) {
        return new CtxInfo.Slot(s, valid, valid ? "ok" : "bad body crc", seq, true, exts.size(), exts, 10, 1);
    }

    private final CtxInfo before = ctx("A", slot("A", true, 3, List.of("producer")), slot("B", false, 0, List.of()));

    @Test
    void previousContextKeptIsLegal() {
        PowerCutJudge.Verdict v = PowerCutJudge.judge(before,
                ctx("A", slot("A", true, 3, List.of("producer")), slot("B", false, 4, List.of())), List.of("producer", "consumer"));
        assertThat(v.legal()).isTrue();
        assertThat(v.committed()).isFalse();
        assertThat(v.outcome()).isEqualTo("previous");
    }

    @Test
    void newContextCommittedIsLegal() {
        PowerCutJudge.Verdict v = PowerCutJudge.judge(before,
                ctx("B", slot("A", true, 3, List.of("producer")), slot("B", true, 4, List.of("producer", "consumer"))),
                List.of("producer", "consumer"));
        assertThat(v.legal()).isTrue();
        assertThat(v.committed()).isTrue();
    }

    @Test
    void lostOrTornContextIsNot() {
        assertThat(PowerCutJudge.judge(before, ctx(null, slot("A", false, 3, List.of()), slot("B", false, 4, List.of())),
                List.of("producer")).outcome()).isEqualTo("lost");
        PowerCutJudge.Verdict torn = PowerCutJudge.judge(before,
                ctx("B", slot("A", true, 3, List.of("producer")), slot("B", true, 4, List.of("producer"))),
                List.of("producer", "consumer"));
        assertThat(torn.legal()).isFalse();
        assertThat(torn.outcome()).isEqualTo("torn");
    }
}
