package io.llexthil.shell.inventory;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A board file or hardware-map entry that cannot be used. It is kept out of the inventory so that
 * the other boards stay usable, and asking for it by one of its {@code names} gives its
 * {@code problem}.
 *
 * @param source  the file, or {@code map: entry N (id X)}
 * @param names   what it may be called: the file's base name, its id and name where readable
 * @param problem the one-line error, naming the file (and line or field)
 */
public record BrokenBoard(String source, Set<String> names, String problem) {
    public BrokenBoard {
        names = Set.copyOf(names);
    }

    /** What a user may call the board these keys describe: its {@code id} and {@code name}, where written. */
    static Set<String> namesIn(Map<String, Object> keys) {
        Set<String> all = new HashSet<>();
        for (String key : List.of("id", "name")) {
            if (keys.get(key) != null) all.add(keys.get(key).toString());
        }
        return all;
    }
}
