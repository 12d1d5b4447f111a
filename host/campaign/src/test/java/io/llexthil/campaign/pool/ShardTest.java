package io.llexthil.campaign.pool;

import io.llexthil.campaign.scenario.BuiltInSuite;
import io.llexthil.campaign.scenario.HilScenario;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardTest {

    @Test
    void threeShardsCoverTheBuiltInSuiteExactlyOnce() {
        List<String> names = BuiltInSuite.load().stream().map(HilScenario::name).toList();
        List<String> all = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            List<String> part = new Shard(k, 3).select(names, n -> n);
            all.addAll(part);
        }
        assertThat(all).containsExactlyInAnyOrderElementsOf(names).hasSameSizeAs(names);
    }

    @Test
    void theSplitDependsOnTheNameAloneNotOnOrderOrNeighbours() {
        List<String> names = List.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta");
        List<String> reversed = new ArrayList<>(names);
        java.util.Collections.reverse(reversed);
        for (int k = 1; k <= 4; k++) {
            Shard s = new Shard(k, 4);
            assertThat(s.select(reversed, n -> n)).containsExactlyInAnyOrderElementsOf(s.select(names, n -> n));
            assertThat(s.select(names.subList(0, 3), n -> n)).isSubsetOf(s.select(names, n -> n));
        }
        // a fixed value: CRC-32("alpha") = 0x... mod 3, the same on every machine
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("alpha".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(new Shard((int) (crc.getValue() % 3) + 1, 3).owns("alpha")).isTrue();
    }

    @Test
    void badShardsAreOneLineMessages() {
        assertThatThrownBy(() -> Shard.parse("3")).hasMessage("--shard 3: expected K/N with whole numbers, e.g. --shard 2/3");
        assertThatThrownBy(() -> Shard.parse("4/3")).hasMessage("--shard 4/3: need 1 <= K <= N, e.g. --shard 2/3");
        assertThatThrownBy(() -> Shard.parse("0/3")).hasMessageContaining("need 1 <= K <= N");
        assertThat(Shard.parse(" 2/5 ")).isEqualTo(new Shard(2, 5));
    }
}
