package io.llexthil.link;

/**
 * A link-level failure (cannot open, write timed out, peer gone). Unchecked, and always names the
 * link and the step, like Lettuce's connection exceptions, so a report can say what failed where.
 */
public class LinkException extends RuntimeException {
    private final String link;
    private final String step;

    public LinkException(String link, String step, String message, Throwable cause) {
        super(link + ": " + step + ": " + message, cause);
        this.link = link;
        this.step = step;
    }

    public LinkException(String link, String step, String message) {
        this(link, step, message, null);
    }

    public String link() { return link; }

    public String step() { return step; }
}
