package io.llexthil.link;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, checked access to a {@link LinkUrl}'s query parameters for one scheme. Unknown names are
 * rejected up front (a typo such as {@code buad=} must not silently fall back to a default), and a
 * bad value gets a one-line {@link IllegalArgumentException} with an example, like
 * {@link LinkUrl#parse}.
 */
public final class LinkParams {
    private final LinkUrl url;
    private final String example;

    private LinkParams(LinkUrl url, String example) {
        this.url = url;
        this.example = example;
    }

    /** Checks that {@code url} uses only {@code allowed} parameter names. */
    public static LinkParams of(LinkUrl url, Set<String> allowed, String example) {
        for (String name : url.params().keySet()) {
            if (!allowed.contains(name)) {
                throw LinkUrlGrammar.bad(url.text(), "unknown parameter '" + name + "' for " + url.scheme()
                        + " (known: " + String.join(", ", new TreeSet<>(allowed)) + ")", example);
            }
        }
        return new LinkParams(url, example);
    }

    public boolean has(String name) {
        return url.params().containsKey(name);
    }

    public String string(String name, String fallback) {
        return url.param(name, fallback);
    }

    public String required(String name) {
        String value = url.params().get(name);
        if (value == null || value.isEmpty()) {
            throw bad("parameter '" + name + "' is required");
        }
        return value;
    }

    public int integer(String name, int fallback, int min, int max) {
        String value = url.params().get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw bad(name + "=" + value + " is outside " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad(name + "=" + value + " is not a whole number");
        }
    }

    public boolean bool(String name, boolean fallback) {
        String value = url.params().get(name);
        if (value == null) {
            return fallback;
        }
        return switch (value) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw bad(name + "=" + value + " is not true or false");
        };
    }

    public String choice(String name, String fallback, List<String> choices) {
        String value = url.param(name, fallback);
        if (!choices.contains(value)) {
            throw bad(name + "=" + value + " is not one of " + String.join("|", choices));
        }
        return value;
    }

    public Duration millis(String name, Duration fallback) {
        return has(name) ? Duration.ofMillis(integer(name, 0, 0, Integer.MAX_VALUE)) : fallback;
    }

    public IllegalArgumentException bad(String what) {
        return LinkUrlGrammar.bad(url.text(), what, example);
    }
}
