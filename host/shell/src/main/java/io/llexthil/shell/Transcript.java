package io.llexthil.shell;

import java.nio.file.Path;
import java.util.List;

/** Per-board transcript: every byte received and sent, raw and ANSI-stripped, timestamped. */
public interface Transcript {

    /** The raw transcript file, or null when the session keeps it only in memory. */
    Path rawFile();

    /** The stripped, timestamped transcript file, or null when kept only in memory. */
    Path strippedFile();

    /** The stripped lines received so far (bounded), for excerpts in reports. */
    List<String> strippedLines();

    /** Position marker: the number of stripped lines so far, for {@link #excerpt}. */
    int mark();

    /** Stripped lines between two marks (plus {@code context} lines either side). */
    List<String> excerpt(int fromMark, int toMark, int context);
}
