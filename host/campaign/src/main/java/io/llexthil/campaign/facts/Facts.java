package io.llexthil.campaign.facts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one side (board or twin) says about one step, as named fields with canonical text values,
 * so that both sides compare field by field and a report can show them side by side.
 *
 * <p>Field names: {@code rc}, {@code crash}, {@code use_count} (load/unload reply), {@code saved}
 * (save), {@code restored} (restore), {@code list} (names in global-list order),
 * {@code ext.<name>.use_count|deps|exp|sect|alloc} (a duplicate name gets {@code #2}, {@code #3}...),
 * {@code heap.used}, {@code heap.allocs}, {@code ctx.active}, {@code ctx.<slot>.valid|seq|n|exts|build_match},
 * {@code call.value}.
 */
public final class Facts {
    private final Map<String, String> values = new LinkedHashMap<>();

    public Facts put(String field, Object value) {
        values.put(field, value == null ? "null" : value instanceof List<?> l ? listText(l) : value.toString());
        return this;
    }

    public Facts putAll(Facts other) {
        values.putAll(other.values);
        return this;
    }

    public String get(String field) { return values.get(field); }

    public boolean has(String field) { return values.containsKey(field); }

    public Map<String, String> asMap() { return Collections.unmodifiableMap(values); }

    public boolean isEmpty() { return values.isEmpty(); }

    public static String listText(List<?> l) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < l.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(l.get(i));
        }
        return sb.append(']').toString();
    }

    /** Per-extension field key; duplicates of a name are told apart by occurrence. */
    public static String extKey(String name, int occurrence, String field) {
        return "ext." + name + (occurrence > 1 ? "#" + occurrence : "") + "." + field;
    }

    @Override
    public String toString() { return values.toString(); }
}
