package io.llexthil.shell.inventory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, located access to one YAML mapping. Every error names where the field came from (file
 * and entry, via {@code where}) and the field's dotted path, in one line.
 */
final class YamlFields {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min)?");

    private final Map<String, Object> map;
    private final Function<String, String> where;
    private final String prefix;

    YamlFields(Map<String, Object> map, Function<String, String> where, String prefix) {
        this.map = map;
        this.where = where;
        this.prefix = prefix;
    }

    boolean has(String key) { return map.containsKey(key) && map.get(key) != null; }

    InventoryException error(String key, String problem) {
        String root = prefix.isEmpty() ? key : prefix.substring(0, prefix.indexOf('.'));
        return new InventoryException(where.apply(root) + ": field '" + prefix + key + "': " + problem);
    }

    String string(String key, String fallback) {
        Object v = map.get(key);
        if (v == null) return fallback;
        if (v instanceof String s) return s;
        if (v instanceof Number || v instanceof Boolean) return v.toString(); // e.g. an unquoted id
        throw error(key, "expected a string, got " + describe(v));
    }

    int integer(String key, int fallback) {
        Object v = map.get(key);
        if (v == null) return fallback;
        if (v instanceof Integer i) return i;
        if (v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) return l.intValue();
        throw error(key, "expected an integer, got " + describe(v));
    }

    boolean bool(String key, boolean fallback) {
        Object v = map.get(key);
        if (v == null) return fallback;
        if (v instanceof Boolean b) return b;
        throw error(key, "expected true or false, got " + describe(v));
    }

    /** An integer (milliseconds) or a string like {@code 500ms}, {@code 5s}, {@code 1.5s}, {@code 2m}. */
    Duration duration(String key, Duration fallback) {
        Object v = map.get(key);
        if (v == null) return fallback;
        if (v instanceof Integer || v instanceof Long) return Duration.ofMillis(((Number) v).longValue());
        if (v instanceof String s) {
            Matcher m = DURATION.matcher(s.strip());
            if (m.matches()) {
                double value = Double.parseDouble(m.group(1));
                String unit = m.group(2) == null ? "ms" : m.group(2);
                double ms = switch (unit) {
                    case "s" -> value * 1000;
                    case "m", "min" -> value * 60_000;
                    default -> value;
                };
                return Duration.ofMillis(Math.round(ms));
            }
        }
        throw error(key, "expected a duration such as 500ms, 5s or 2m, got " + describe(v));
    }

    /** A string or a list of strings (twister's {@code platform}). */
    List<String> stringList(String key) {
        Object v = map.get(key);
        if (v == null) return List.of();
        if (v instanceof String s) return List.of(s);
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof String) && !(o instanceof Number)) {
                    throw error(key, "expected a list of strings, got an element " + describe(o));
                }
                out.add(o.toString());
            }
            return out;
        }
        throw error(key, "expected a string or a list of strings, got " + describe(v));
    }

    List<Object> list(String key) {
        Object v = map.get(key);
        if (v == null) return List.of();
        if (v instanceof List<?> l) return new ArrayList<>(l);
        throw error(key, "expected a list, got " + describe(v));
    }

    @SuppressWarnings("unchecked")
    YamlFields child(String key) {
        Object v = map.get(key);
        if (v == null) return new YamlFields(Map.of(), where, prefix + key + ".");
        if (v instanceof Map<?, ?> m) return new YamlFields((Map<String, Object>) m, where, prefix + key + ".");
        throw error(key, "expected a mapping, got " + describe(v));
    }

    @SuppressWarnings("unchecked")
    YamlFields element(String key, int index, Object element) {
        if (element instanceof Map<?, ?> m) {
            return new YamlFields((Map<String, Object>) m, where, prefix + key + "[" + index + "].");
        }
        throw error(key, "element " + index + ": expected a mapping, got " + describe(element));
    }

    static String describe(Object v) {
        if (v instanceof String s) return "'" + s + "'";
        if (v instanceof Map) return "a mapping";
        if (v instanceof List) return "a list";
        return v.getClass().getSimpleName().toLowerCase() + " " + v;
    }
}
