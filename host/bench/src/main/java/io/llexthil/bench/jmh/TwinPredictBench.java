package io.llexthil.bench.jmh;

import io.llexthil.twin.Outcome;
import io.llexthil.twin.Profile;
import io.llexthil.twin.Scenario;
import io.llexthil.twin.Twin;
import io.llexthil.twin.TwinJson;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One save -> reset -> restore prediction of three extensions with dependencies, as the explorer makes millions. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TwinPredictBench {
    private Scenario scenario;

    @Setup
    public void setup() {
        scenario = TwinJson.readScenario("{\"extensions\":["
                + "{\"name\":\"base\",\"exports\":[\"b1\",\"b2\"]},"
                + "{\"name\":\"mid\",\"exports\":[\"m1\"],\"imports\":[\"b1\"]},"
                + "{\"name\":\"top\",\"imports\":[\"m1\",\"b2\"]}],"
                + "\"saved\":[\"top\",\"mid\",\"base\"]}");
    }

    @Benchmark
    public Outcome upstream() { return Twin.predict(scenario, Profile.UPSTREAM); }

    @Benchmark
    public Outcome contract() { return Twin.predict(scenario, Profile.CONTRACT); }
}
