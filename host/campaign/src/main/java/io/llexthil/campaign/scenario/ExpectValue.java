package io.llexthil.campaign.scenario;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code call} step expects its value to be. The twin does not run extension code, so
 * call values are checked against the scenario instead:
 * <ul>
 *   <li>{@code expect: 42}: exactly 42;</li>
 *   <li>{@code expect: previous}, {@code previous+1}, {@code previous-2}: relative to the value the
 *       same call (extension and symbol) gave last in this scenario, e.g. before the save and reset,
 *       so that data which must survive a restore is checked;</li>
 *   <li>no {@code expect}: any value (only the return code is checked).</li>
 * </ul>
 */
public record ExpectValue(Kind kind, long value) {

    public enum Kind { ANY, EXACT, PREVIOUS }

    private static final Pattern PREVIOUS = Pattern.compile("previous\\s*(?:([+-])\\s*(\\d+))?");

    public static final ExpectValue ANY = new ExpectValue(Kind.ANY, 0);

    public static ExpectValue exact(long v) { return new ExpectValue(Kind.EXACT, v); }

    /** Parses the YAML text form; returns null when it is not one of the accepted forms. */
    public static ExpectValue parse(String text) {
        String t = text.trim();
        if (t.equals("any")) {
            return ANY;
        }
        try {
            return exact(Long.decode(t));
        } catch (NumberFormatException notANumber) {
            Matcher m = PREVIOUS.matcher(t);
            if (!m.matches()) {
                return null;
            }
            long delta = m.group(1) == null ? 0 : Long.parseLong(m.group(2));
            return new ExpectValue(Kind.PREVIOUS, "-".equals(m.group(1)) ? -delta : delta);
        }
    }

    /** The expected value given the previous one, or empty when any value will do. */
    public OptionalLong resolve(OptionalLong previous) {
        return switch (kind) {
            case ANY -> OptionalLong.empty();
            case EXACT -> OptionalLong.of(value);
            case PREVIOUS -> previous.isPresent() ? OptionalLong.of(previous.getAsLong() + value) : OptionalLong.empty();
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ANY -> "any";
            case EXACT -> Long.toString(value);
            case PREVIOUS -> value == 0 ? "previous" : "previous" + (value > 0 ? "+" : "") + value;
        };
    }
}
