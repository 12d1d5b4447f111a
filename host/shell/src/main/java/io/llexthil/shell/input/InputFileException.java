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

    public InputFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    public Path file() { return file; }

    /** The message without the file, for callers that name the file their own way. */
    public String problem() { return problem; }
}
