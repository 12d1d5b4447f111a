package io.llexthil.shell.inventory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of a twister hardware map, exactly as written ({@link #raw}: every key kept, in order,
 * unknown ones too), with typed views of the keys twister defines.
 *
 * @param file  the map file
 * @param index position in the map, counted from 1
 * @param raw   the entry as read
 */
public record HardwareMapEntry(String file, int index, Map<String, Object> raw) {

    public Optional<String> id() { return Optional.ofNullable(raw.get("id")).map(Object::toString); }

    public boolean connected() { return Boolean.TRUE.equals(raw.get("connected")); }

    /** False only when the entry says {@code available: false} (twister's default is available). */
    public boolean available() { return !Boolean.FALSE.equals(raw.get("available")); }

    /** {@code platform} as a list, whether written as a string or a list. */
    public List<String> platforms() { return fields().stringList("platform"); }

    public Optional<String> serial() { return Optional.ofNullable(fields().string("serial", null)); }

    public Optional<String> serialPty() { return Optional.ofNullable(fields().string("serial_pty", null)); }

    public Optional<String> product() { return Optional.ofNullable(fields().string("product", null)); }

    public Optional<String> runner() { return Optional.ofNullable(fields().string("runner", null)); }

    /** {@code serial_baud}, else {@code baud}, else 115200. */
    public int baud() { return fields().integer("serial_baud", fields().integer("baud", 115200)); }

    /** {@code file: entry N (id X)} — how errors name this entry. */
    public String where() {
        return file + ": entry " + index + id().map(i -> " (id " + i + ")").orElse("");
    }

    /** What a user may call this entry's board: its id and name, where written. */
    Set<String> names() { return BrokenBoard.namesIn(raw); }

    YamlFields fields() { return new YamlFields(raw, key -> where(), ""); }
}
