package io.llexthil.bench.jmh;

import io.llexthil.shell.console.ConsoleDecoder;
import io.llexthil.shell.console.ConsoleLine;
import io.llexthil.shell.console.ConsoleListener;
import io.llexthil.shell.console.ConsolePatterns;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** Decoding what one command brings back (echo, result line, prompt), and a burst of log lines. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConsoleDecodingBench {
    private byte[] commandReply;
    private byte[] logBurst;
    private ConsoleDecoder decoder;
    private Blackhole sink;

    @Setup
    public void setup(Blackhole bh) {
        sink = bh;
        commandReply = ("hil @12345678 state\r\n" + Samples.STATE_LINE + "\r\nuart:~$ ").getBytes(StandardCharsets.UTF_8);
        StringBuilder logs = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            logs.append("\u001b[1;32m[00:00:0").append(i % 10).append(".012,000] <inf> llext_hil: tick ").append(i)
                    .append("\u001b[0m\r\n");
        }
        logBurst = logs.toString().getBytes(StandardCharsets.UTF_8);
        decoder = new ConsoleDecoder(ConsolePatterns.zephyrDefaults(), new ConsoleListener() {
            @Override public void onLine(ConsoleLine line) { sink.consume(line); }
            @Override public void onPrompt() { sink.consume(1); }
        });
    }

    @Benchmark
    public void commandReply() { decoder.feed(commandReply); }

    @Benchmark
    public void twentyColouredLogLines() { decoder.feed(logBurst); }
}
