package io.llexthil.cli;

import io.llexthil.shell.Transcript;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The transcripts of successive connections to one board (a reconnect after switching firmware
 * builds) seen as one, so that marks taken before a reconnect still index the right lines.
 */
final class ChainedTranscript implements Transcript {
    private final List<Transcript> finished = new ArrayList<>();
    private final List<Integer> finishedSizes = new ArrayList<>();
    private Transcript current;

    ChainedTranscript(Transcript first) {
        this.current = first;
    }

    synchronized void next(Transcript t) {
        finished.add(current);
        finishedSizes.add(current.mark());
        current = t;
    }

    private int offset() {
        return finishedSizes.stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public synchronized Path rawFile() { return current.rawFile(); }

    @Override
    public synchronized Path strippedFile() { return current.strippedFile(); }

    @Override
    public synchronized List<String> strippedLines() {
        List<String> all = new ArrayList<>();
        for (Transcript t : finished) {
            all.addAll(t.strippedLines());
        }
        all.addAll(current.strippedLines());
        return all;
    }

    @Override
    public synchronized int mark() { return offset() + current.mark(); }

    @Override
    public synchronized List<String> excerpt(int fromMark, int toMark, int context) {
        int off = offset();
        if (fromMark >= off) {
            return current.excerpt(fromMark - off, toMark - off, context);
        }
        // the step spans a reconnect: the tail of the old transcript, then the new one
        List<String> all = strippedLines();
        int base = Math.max(0, mark() - all.size());
        int a = Math.max(0, fromMark - context - base);
        int b = Math.min(all.size(), toMark + context - base);
        return a >= b ? List.of() : List.copyOf(all.subList(a, b));
    }
}
