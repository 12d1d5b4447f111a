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
 *
 * <p>One malformed profile file or map entry does not make the others unusable: it is set aside
 * as a {@link BrokenBoard}, and only asking for that board gives its error. A hardware map that
 * cannot be read at all (not YAML, not a sequence) is an error: it was named on purpose.
 */
public final class Inventory {
    private final List<BoardProfile> boards;
    private final List<BrokenBoard> broken;

    private Inventory(List<BoardProfile> boards, List<BrokenBoard> broken) {
        this.boards = List.copyOf(boards);
        this.broken = List.copyOf(broken);
    }

    /**
     * @param hardwareMap a twister hardware map, or null
     * @param boardsDir   a directory of {@code *.yaml} profiles (one board per file), or null
     */
    public static Inventory load(Path hardwareMap, Path boardsDir) {
        List<BrokenBoard> broken = new ArrayList<>();
        List<ProfileFile> profiles = boardsDir == null ? List.of() : profileFiles(boardsDir, broken);
        List<BoardProfile> boards = new ArrayList<>();
        Set<ProfileFile> used = new HashSet<>();
        Set<String> names = new HashSet<>();
        if (hardwareMap != null) {
            HardwareMap map = HardwareMap.load(hardwareMap, broken::add);
            for (HardwareMapEntry entry : map.entries()) {
                if (!entry.connected() || !entry.available()) continue; // as twister: only connected boards
                try {
                    ProfileFile profile = entry.id().flatMap(id -> profiles.stream().filter(p -> id.equals(p.id())).findFirst())
                            .orElse(null);
                    if (profile != null) used.add(profile);
                    else refuseIfItsProfileIsBroken(entry, broken);
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
                } catch (InventoryException | IllegalArgumentException e) {
                    broken.add(new BrokenBoard(entry.where(), entry.names(), e.getMessage()));
                }
            }
        }
        for (ProfileFile p : profiles) {
            if (used.contains(p)) continue;
            try {
                addUnique(boards, names, p.toProfile(), p.file().toString());
            } catch (InventoryException | IllegalArgumentException e) {
                broken.add(new BrokenBoard(p.file().toString(), p.names(), e.getMessage()));
            }
        }
        return new Inventory(boards, broken);
    }

    /** An inventory of these boards (for callers that describe boards in code, and tests). */
    public static Inventory of(List<BoardProfile> boards, List<BrokenBoard> broken) {
        return new Inventory(boards, broken);
    }

    /** Reads one profile file ({@code boards/<name>.yaml}) on its own. */
    public static BoardProfile loadProfile(Path file) {
        return ProfileFile.read(file).toProfile();
    }

    public List<BoardProfile> boards() { return boards; }

    /** The profile files and map entries set aside because they cannot be used, in file order. */
    public List<BrokenBoard> broken() { return broken; }

    /** The board with this name or id; for a broken one, its own error. */
    public BoardProfile board(String nameOrId) {
        return boards.stream().filter(b -> b.name().equals(nameOrId)).findFirst()
                .or(() -> boards.stream().filter(b -> b.id().equals(nameOrId)).findFirst())
                .orElseThrow(() -> {
                    for (BrokenBoard b : broken) {
                        if (b.names().contains(nameOrId)) return new InventoryException(b.problem());
                    }
                    return new InventoryException("no board named '" + nameOrId + "' (known: "
                            + String.join(", ", boards.stream().map(BoardProfile::name).sorted().toList()) + ")"
                            + (broken.isEmpty() ? "" : "; unreadable: " + String.join(", ",
                                    broken.stream().map(BrokenBoard::source).toList())));
                });
    }

    /** An entry whose profile file is unreadable would silently lose that file's keys: it is broken too. */
    private static void refuseIfItsProfileIsBroken(HardwareMapEntry entry, List<BrokenBoard> broken) {
        String id = entry.id().orElse(null);
        for (BrokenBoard b : broken) {
            if (id != null && b.names().contains(id)) {
                throw new InventoryException(entry.where() + ": its board profile cannot be read: " + b.problem());
            }
        }
    }

    private static void addUnique(List<BoardProfile> boards, Set<String> names, BoardProfile board, String where) {
        if (!names.add(board.name())) {
            throw new InventoryException(where + ": field 'name': board name '" + board.name() + "' is used twice");
        }
        boards.add(board);
    }

    private static List<ProfileFile> profileFiles(Path dir, List<BrokenBoard> broken) {
        if (!Files.isDirectory(dir)) throw new InventoryException(dir + ": not a directory of board profiles");
        List<Path> paths;
        try (Stream<Path> files = Files.list(dir)) {
            paths = files.filter(f -> f.getFileName().toString().endsWith(".yaml") || f.getFileName().toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new InventoryException(dir + ": cannot list: " + e.getMessage(), e);
        }
        List<ProfileFile> read = new ArrayList<>();
        for (Path f : paths) {
            try {
                read.add(ProfileFile.read(f));
            } catch (InventoryException | IllegalArgumentException e) { // InputFileException: size, UTF-8, aliases
                broken.add(new BrokenBoard(f.toString(), Set.of(baseName(f)), e.getMessage()));
            }
        }
        return read;
    }

    private static String baseName(Path file) {
        return file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
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

        /** What a user may call this board: file base name, id and name, as far as readable. */
        Set<String> names() {
            Set<String> all = BrokenBoard.namesIn(keys);
            all.add(baseName(file));
            return all;
        }

        BoardProfile toProfile() {
            return BoardProfileReader.read(keys, key -> file.toString(), baseName(file), Map.of(), file.toString());
        }
    }
}
