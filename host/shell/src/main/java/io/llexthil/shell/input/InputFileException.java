package io.llexthil.shell.input;

import java.nio.file.Path;

/**
 * An input file (scenario, board profile, hardware map, extension image) that cannot be used: its
 * message is one line, {@code FILE: problem}, saying what is wrong and how to fix it. A usage
 * error (the command line exits 2).
 */
public class InputFileException extends IllegalArgumentException {
    private final transient Path file;
    private final String problem;
    private final String place;

    public InputFileException(Path file, String problem) {
        this(file, file.toString(), problem);
    }

    /** A problem at one line of the file: {@code FILE:LINE: problem}, as compilers print it. */
    public InputFileException(Path file, int line, String problem) {
        this(file, file + ":" + line, problem);
    }

    private InputFileException(Path file, String place, String problem) {
        super(place + ": " + problem);
        this.file = file;
        this.place = place;
        this.problem = problem;
    }

    public Path file() { return file; }

    /** Where the problem is: the file, or {@code FILE:LINE}. */
    public String place() { return place; }

    /** The message without the place, for callers that name the file their own way. */
    public String problem() { return problem; }
}
