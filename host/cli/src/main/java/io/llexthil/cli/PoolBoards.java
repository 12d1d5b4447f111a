package io.llexthil.cli;

import io.llexthil.link.LinkUrl;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.inventory.Inventory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The boards of a pooled run, from {@code --board} (repeated), {@code --pool BOARD:N} and
 * {@code --platform}; the built-in simulated board when nothing is named.
 */
final class PoolBoards {
    /** Links that start their board: every copy is a process of its own. */

    /** One board of the pool: its name in the reports and its profile. */
    record Member(String name, BoardProfile profile) { }

    private PoolBoards() { }

    static List<Member> resolve(BoardOptions board, PoolOptions pool, BoardBridge bridge) {
        List<Member> out = new ArrayList<>();
        for (String name : board.boards) {
            out.add(new Member(name, bridge.profile(name, board.hardwareMap, board.link)));
        }
        for (String spec : pool.specs) {
            out.addAll(copies(spec, board, bridge));
        }
        if (pool.platform != null) {
            out.addAll(ofPlatform(pool.platform, board, bridge));
        }
        if (out.isEmpty()) {
            BoardProfile p = bridge.profile(null, board.hardwareMap, board.link);
            out.add(new Member(p.name(), p));
        }
        if (out.size() > 1 && board.link != null) {
            throw new ConfigException("--link " + board.link + " reaches one board; a pool of " + out.size()
                    + " boards needs each its own profile (--board, --pool, --platform)");
        }
        Set<String> names = new LinkedHashSet<>();
        for (Member m : out) {
            if (!names.add(m.name())) {
                throw new ConfigException("board " + m.name() + " is named twice in the pool; a physical board runs one case"
                        + " at a time (for copies of a simulated or QEMU board use --pool " + m.name() + ":N)");
            }
        }
        return out;
    }

    private static List<Member> copies(String spec, BoardOptions board, BoardBridge bridge) {
        int colon = spec.lastIndexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        int count;
        try {
            count = colon < 0 ? 1 : Integer.parseInt(spec.substring(colon + 1));
        } catch (NumberFormatException e) {
            count = 0;
        }
        if (name.isBlank() || count < 1) {
            throw new ConfigException("--pool " + spec + ": expected BOARD or BOARD:N with N >= 1, e.g. --pool sim:4");
        }
        BoardProfile profile = bridge.profile(name, board.hardwareMap, board.link);
        if (count > 1 && !startedByTheTool(profile)) {
            throw new ConfigException("--pool " + spec + ": " + name + " is one physical board (link " + profile.link()
                    + "); copies exist only of boards the tool starts itself (sim:, qemu:); pool several boards with"
                    + " --board A --board B or --platform");
        }
        List<Member> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(new Member(count == 1 ? name : name + "-" + i, profile));
        }
        return out;
    }

    private static List<Member> ofPlatform(String platform, BoardOptions board, BoardBridge bridge) {
        Inventory inventory = bridge.inventory(board.hardwareMap);
        DefaultBoardBridge.warnAboutBroken(inventory, new HashSet<>());
        List<BoardProfile> all = inventory.boards();
        List<Member> out = all.stream().filter(p -> p.platforms().contains(platform))
                .map(p -> new Member(p.name(), p)).toList();
        if (out.isEmpty()) {
            Set<String> known = new LinkedHashSet<>();
            all.forEach(p -> known.addAll(p.platforms()));
            throw new ConfigException("--platform " + platform + ": no connected board of that platform in the inventory"
                    + (board.hardwareMap == null ? "" : " or " + board.hardwareMap) + "; platforms there: "
                    + String.join(", ", known));
        }
        return out;
    }

    /** A board whose link starts it (a simulated board, a QEMU machine): every copy is a separate board. */
    static boolean startedByTheTool(BoardProfile profile) {
        if (profile.link() == null) {
            return false;
        }
        try {
            return LinkUrl.parse(profile.link()).capabilities().launchesBoard();
        } catch (IllegalArgumentException e) {
            return false; // opening it will say what is wrong with the link
        }
    }
}
