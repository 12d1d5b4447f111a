package io.llexthil.shell.input;

/**
 * An input file (scenario, board profile, hardware map, extension image) that cannot be used: its
 * message is one line that starts with the file and says what is wrong and how to fix it. A usage
 * error (the command line exits 2).
 */
public class InputFileException extends IllegalArgumentException {
    public InputFileException(String message) {
        super(message);
    }
}
