package io.llexthil.twin;

/** A scenario (or a board command) the twin cannot represent: names what is wrong and where. */
public class ScenarioException extends RuntimeException {
    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
