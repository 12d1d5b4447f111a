package io.llexthil.shell.inventory;

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
}
