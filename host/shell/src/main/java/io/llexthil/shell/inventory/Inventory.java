package io.llexthil.shell.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.llexthil.shell.BoardProfile;

/**
 * The boards a run can use: the connected entries of a twister hardware map, each merged with the
 * profile file in {@code boards/} that has the same {@code id} (keys in the map entry win), plus
 * the profile files no entry refers to (simulated and QEMU boards). See docs/boards.md.
 */
public final class Inventory {
    private final List<BoardProfile> boards;

    private Inventory(List<BoardProfile> boards) { this.boards = List.copyOf(boards); }

    /**
     * @param hardwareMap a twister hardware map, or null
     * @param boardsDir   a directory of {@code *.yaml} profiles (one board per file), or null
     */
    public static Inventory load(Path hardwareMap, Path boardsDir) {
        List<ProfileFile> profiles = boardsDir == null ? List.of() : profileFiles(boardsDir);
        List<BoardProfile> boards = new ArrayList<>();
        Set<ProfileFile> used = new HashSet<>();
        Set<String> names = new HashSet<>();
        if (hardwareMap != null) {
            HardwareMap map = HardwareMap.load(hardwareMap);
            for (HardwareMapEntry entry : map.entries()) {
                if (!entry.connected() || !entry.available()) continue; // as twister: only connected boards
                ProfileFile profile = entry.id().flatMap(id -> profiles.stream().filter(p -> id.equals(p.id())).findFirst())
                        .orElse(null);
                if (profile != null) used.add(profile);
                Map<String, Object> merged = new LinkedHashMap<>();
                if (profile != null) merged.putAll(profile.keys());
                merged.putAll(entry.raw());
                String fallback = entry.raw().containsKey("name") ? null
                        : profile != null && profile.keys().containsKey("name") ? profile.keys().get("name").toString()
                        : entry.id().orElse("entry-" + entry.index());
                if (fallback != null && names.contains(fallback)) fallback = fallback + "-" + entry.index();
                String source = profile == null ? entry.where() : entry.where() + " + " + profile.file();
                BoardProfile board = BoardProfileReader.read(merged,
                        key -> entry.raw().containsKey(key) || profile == null ? entry.where() : profile.file().toString(),
                        fallback, entry.raw(), source);
                addUnique(boards, names, board, entry.where());
            }
        }
        for (ProfileFile p : profiles) {
            if (used.contains(p)) continue;
            addUnique(boards, names, p.toProfile(), p.file().toString());
        }
        return new Inventory(boards);
    }

    /** Reads one profile file ({@code boards/<name>.yaml}) on its own. */
    public static BoardProfile loadProfile(Path file) {
        return ProfileFile.read(file).toProfile();
    }

    public List<BoardProfile> boards() { return boards; }

    /** The board with this name or id. */
    public BoardProfile board(String nameOrId) {
        return boards.stream().filter(b -> b.name().equals(nameOrId)).findFirst()
                .or(() -> boards.stream().filter(b -> b.id().equals(nameOrId)).findFirst())
                .orElseThrow(() -> new InventoryException("no board named '" + nameOrId + "' (known: "
                        + String.join(", ", boards.stream().map(BoardProfile::name).sorted().toList()) + ")"));
    }

    private static void addUnique(List<BoardProfile> boards, Set<String> names, BoardProfile board, String where) {
        if (!names.add(board.name())) {
            throw new InventoryException(where + ": field 'name': board name '" + board.name() + "' is used twice");
        }
        boards.add(board);
    }

    private static List<ProfileFile> profileFiles(Path dir) {
        if (!Files.isDirectory(dir)) throw new InventoryException(dir + ": not a directory of board profiles");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml") || f.getFileName().toString().endsWith(".yml"))
                    .sorted().map(ProfileFile::read).toList();
        } catch (IOException e) {
            throw new InventoryException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** One {@code boards/*.yaml} file: a single mapping of twister keys and ours. */
    private record ProfileFile(Path file, Map<String, Object> keys) {
        @SuppressWarnings("unchecked")
        static ProfileFile read(Path file) {
            Object root = YamlFiles.read(file);
            if (!(root instanceof Map<?, ?> m)) {
                throw new InventoryException(file + ": expected one board as a YAML mapping, got "
                        + (root == null ? "an empty file" : YamlFields.describe(root)));
            }
            Map<String, Object> keys = new LinkedHashMap<>((Map<String, Object>) m);
            for (String key : keys.keySet()) {
                if (!ProfileKeys.OURS.contains(key) && !ProfileKeys.TWISTER.contains(key)) {
                    Set<String> known = new TreeSet<>(ProfileKeys.OURS);
                    known.addAll(ProfileKeys.TWISTER);
                    throw new InventoryException(file + ": field '" + key + "': unknown (known: " + String.join(", ", known) + ")");
                }
            }
            return new ProfileFile(file, keys);
        }

        String id() {
            Object id = keys.get("id");
            return id == null ? null : id.toString();
        }

        BoardProfile toProfile() {
            String base = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            return BoardProfileReader.read(keys, key -> file.toString(), base, Map.of(), file.toString());
        }
    }
}
