package io.llexthil.bench.jmh;

import io.llexthil.board.ResultLine;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Checking and parsing a result line (framing, CRC-32, JSON) as the board client does per command. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ResultLineBench {
    private final String line = Samples.STATE_LINE;

    @Benchmark
    public Optional<ResultLine> parseStateResult() throws ResultLine.MalformedResultException {
        return ResultLine.parse(ResultLine.HIL, line);
    }

    @Benchmark
    public String crc32Hex() { return ResultLine.crc32Hex(Samples.STATE_JSON); }
}
