package io.llexthil.junit;

import io.llexthil.board.BoardClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Test classes with {@code @HilBoard} run in parallel under JUnit Platform parallel execution
 * (classes concurrent, methods of a class on one thread), the configuration docs/junit.md gives:
 * each class has its own simulated board, with its own flash, and no class waits for another's.
 */
class ParallelClassesIT {
    /** Both classes are inside a test at once: each waits for the other's board to be up. */
    static final CountDownLatch BOTH_UP = new CountDownLatch(2);
    static final Set<BoardClient> BOARDS = ConcurrentHashMap.newKeySet();
    static final Set<String> THREADS = ConcurrentHashMap.newKeySet();

    @Test
    void twoClassesRunAtOnceEachOnItsOwnBoard() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "same_thread")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
                .selectors(selectClass(First.class), selectClass(Second.class))
                .execute();

        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
        assertThat(BOARDS).hasSize(2);
        assertThat(THREADS).hasSize(2);
    }

    static void meetTheOther(BoardClient board) throws InterruptedException {
        BOARDS.add(board);
        THREADS.add(Thread.currentThread().getName());
        assertThat(board.state().exts()).isEmpty();
        BOTH_UP.countDown();
        // bounded: if the classes ran one after the other, this fails after 60 s instead of hanging
        assertThat(BOTH_UP.await(60, TimeUnit.SECONDS)).as("the other class ran at the same time").isTrue();
        assertThat(board.info().board()).isEqualTo("sim");
    }

    @ExtendWith(HilBoardExtension.class)
    static class First {
        @HilBoard
        BoardClient board;

        @Test
        void meets() throws InterruptedException {
            meetTheOther(board);
        }
    }

    @ExtendWith(HilBoardExtension.class)
    static class Second {
        @HilBoard
        BoardClient board;

        @Test
        void meets() throws InterruptedException {
            meetTheOther(board);
        }
    }

}
