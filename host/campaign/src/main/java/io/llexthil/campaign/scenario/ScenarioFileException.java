package io.llexthil.campaign.scenario;

/**
 * A scenario file that cannot be used. The message is one line naming the file, the step index
 * and the field, and says how to fix it.
 */
public class ScenarioFileException extends RuntimeException {
    private final String file;
    private final Integer stepIndex;
    private final String field;

    public ScenarioFileException(String file, Integer stepIndex, String field, String problem) {
        super(format(file, stepIndex, field, problem));
        this.file = file;
        this.stepIndex = stepIndex;
        this.field = field;
    }

    private static String format(String file, Integer stepIndex, String field, String problem) {
        StringBuilder sb = new StringBuilder(file);
        if (stepIndex != null) {
            sb.append(": step ").append(stepIndex);
        }
        if (field != null) {
            sb.append(": field '").append(field).append('\'');
        }
        return sb.append(": ").append(problem).toString();
    }

    public String file() { return file; }

    /** 0-based step index, or null for a problem outside {@code steps}. */
    public Integer stepIndex() { return stepIndex; }

    public String field() { return field; }
}
