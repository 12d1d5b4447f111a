package io.llexthil.campaign.fake;

import io.llexthil.shell.Transcript;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A transcript kept in memory: the fake board appends what it "printed". */
public final class MemoryTranscript implements Transcript {
    private final List<String> lines = new ArrayList<>();

    public void add(String line) { lines.add(line); }

    @Override
    public Path rawFile() { return null; }

    @Override
    public Path strippedFile() { return null; }

    @Override
    public List<String> strippedLines() { return List.copyOf(lines); }

    @Override
    public int mark() { return lines.size(); }

    @Override
    public List<String> excerpt(int fromMark, int toMark, int context) {
        int a = Math.max(0, fromMark - context);
        int b = Math.min(lines.size(), toMark + context);
        return List.copyOf(lines.subList(a, b));
    }
}
