package io.llexthil.junit;

import io.llexthil.shell.inventory.BoardBusyException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Leasing a board of a pool, with boards that are held or free as the test says. */
class PoolLeaseTest {
    /** Boards by name; a held one is busy the way a held lock is. */
    final Set<String> held = ConcurrentHashMap.newKeySet();

    String open(String name) {
        if (held.contains(name)) {
            throw new BoardBusyException(name, "pid 7 on bench-2", "/tmp/llext-hil-locks/" + name + ".lock");
        }
        held.add(name);
        return name;
    }

    @Test
    void eachClassLeasesTheFirstFreeBoard() {
        List<String> pool = List.of("nrf-1", "nrf-2", "nrf-3");
        assertThat(PoolLease.first(pool, this::open, Duration.ZERO)).isEqualTo("nrf-1");
        assertThat(PoolLease.first(pool, this::open, Duration.ZERO)).isEqualTo("nrf-2");
        assertThat(PoolLease.first(pool, this::open, Duration.ZERO)).isEqualTo("nrf-3");
    }

    @Test
    void aFullPoolFailsNamingEveryHolderAfterTheWait() {
        held.addAll(List.of("nrf-1", "nrf-2"));
        assertThatThrownBy(() -> PoolLease.first(List.of("nrf-1", "nrf-2"), this::open, Duration.ZERO))
                .isInstanceOf(BoardBusyException.class)
                .hasMessageStartingWith("every board of the pool [nrf-1, nrf-2] is busy after waiting 0 s: board nrf-1 is busy:")
                .hasMessageContaining("board nrf-2 is busy: locked by pid 7 on bench-2")
                .hasMessageEndingWith("(raise poolWaitSeconds, or add boards to the pool)");
    }

    @Test
    void aBoardFreedDuringTheWaitIsLeased() {
        held.addAll(List.of("nrf-1", "nrf-2"));
        AtomicInteger tries = new AtomicInteger();
        String leased = PoolLease.first(List.of("nrf-1", "nrf-2"), name -> {
            if (tries.incrementAndGet() == 3) {
                held.remove("nrf-2"); // another class finished with nrf-2 during the first round's wait
            }
            return open(name);
        }, Duration.ofSeconds(30));
        assertThat(leased).isEqualTo("nrf-2");
        assertThat(tries.get()).isGreaterThanOrEqualTo(4);
    }
}
