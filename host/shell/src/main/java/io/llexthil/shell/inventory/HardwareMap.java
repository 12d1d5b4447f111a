package io.llexthil.shell.inventory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A twister hardware map ({@code west twister --generate-hardware-map map.yml}) read unchanged:
 * a YAML sequence of mappings, one per board UART. Nothing is rewritten or dropped; the typed
 * keys twister defines are checked ({@code connected}, {@code baud}/{@code serial_baud},
 * {@code platform}) so that a wrong type is reported here and not at first use.
 */
public final class HardwareMap {
    private final Path file;
    private final List<HardwareMapEntry> entries;

    private HardwareMap(Path file, List<HardwareMapEntry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** Reads the map; the first entry that cannot be used is an {@link InventoryException}. */
    public static HardwareMap load(Path file) {
        return load(file, broken -> {
            throw new InventoryException(broken.problem());
        });
    }

    /**
     * Reads the map; each entry that cannot be used goes to {@code brokenEntries} and is left out,
     * so the others stay usable. A file that is not a readable sequence still throws.
     */
    @SuppressWarnings("unchecked")
    public static HardwareMap load(Path file, Consumer<BrokenBoard> brokenEntries) {
        Object root = YamlFiles.read(file);
        if (root == null) return new HardwareMap(file, List.of());
        if (!(root instanceof List<?> list)) {
            throw new InventoryException(file + ": expected a YAML sequence of board entries (twister hardware map), got "
                    + YamlFields.describe(root));
        }
        List<HardwareMapEntry> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (!(item instanceof Map<?, ?> m)) {
                brokenEntries.accept(new BrokenBoard(file + ": entry " + (i + 1), Set.of(),
                        file + ": entry " + (i + 1) + ": expected a mapping, got " + YamlFields.describe(item)));
                continue;
            }
            HardwareMapEntry entry = new HardwareMapEntry(file.toString(), i + 1,
                    Collections.unmodifiableMap(new LinkedHashMap<>((Map<String, Object>) m)));
            try {
                check(entry);
            } catch (InventoryException e) {
                brokenEntries.accept(new BrokenBoard(entry.where(), entry.names(), e.getMessage()));
                continue;
            }
            entries.add(entry);
        }
        return new HardwareMap(file, List.copyOf(entries));
    }

    private static void check(HardwareMapEntry e) {
        YamlFields f = e.fields();
        f.bool("connected", false);
        f.bool("available", true);
        f.integer("baud", 115200);
        f.integer("serial_baud", 115200);
        f.stringList("platform");
        f.string("id", null);
        f.string("serial", null);
    }

    public Path file() { return file; }

    public List<HardwareMapEntry> entries() { return entries; }
}
