package io.llexthil.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs a test class nested in an IT through the Jupiter engine and hands back what JUnit
 * reported. Those nested classes are not run on their own: surefire and failsafe skip classes
 * with '$' in their name by default, and nothing marks them {@code @Nested}.
 */
final class InnerRuns {
    private InnerRuns() { }

    static EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
    }

    /** The throwables of the tests that failed, in the order they finished. */
    static List<Throwable> failures(EngineExecutionResults results) {
        return results.testEvents().failed().stream()
                .map(InnerRuns::throwable)
                .toList();
    }

    /** The throwables of every failed container or test (class-level failures included). */
    static List<Throwable> allFailures(EngineExecutionResults results) {
        return results.allEvents().failed().stream().map(InnerRuns::throwable).toList();
    }

    private static Throwable throwable(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                .orElseThrow(() -> new AssertionError("failed event without a throwable: " + event));
    }
}
