package io.llexthil.board;

import io.llexthil.link.Link;
import io.llexthil.link.LinkUrl;
import io.llexthil.link.Links;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.DefaultShellSession;
import io.llexthil.shell.inventory.BoardLock;
import io.llexthil.shell.inventory.Inventory;
import io.llexthil.shell.reset.ResetConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a board selection ({@code --board}, {@code --hardware-map}, {@code --link}) into a ready
 * {@link BoardClient}: lock, link, shell session, first ready boot, reset control.
 */
public final class Boards {
    /** The board used when none is named: the built-in simulated board. */
    public static final String DEFAULT_BOARD = "sim";

    private Boards() { }

    /** The repository root: {@code -Dllexthil.repo}, else the working directory. */
    public static Path repoRoot() {
        String prop = System.getProperty("llexthil.repo");
        return Path.of(prop != null && !prop.isBlank() ? prop : ".").toAbsolutePath().normalize();
    }

    /**
     * Resolves a board profile. With {@code linkUrl} alone a profile with Zephyr defaults is made
     * for it: a board the link starts itself is power-cycled through the link; one on a cable or
     * socket, which may be running already, is attached without waiting for a banner and reset
     * through its shell ({@code kernel reboot cold}). With a name too, that board's profile gets
     * the other link.
     */
    public static BoardProfile profile(String name, Path hardwareMap, String linkUrl) {
        if (linkUrl != null && name == null && hardwareMap == null) {
            LinkUrl url = LinkUrl.parse(linkUrl); // fail early, with the link grammar's one-line message
            boolean launched = url.capabilities().launchesBoard();
            return BoardProfile.builder(BareLinkName.of(linkUrl)) // named after what the URL reaches
                    // the lock belongs to what the URL reaches, so two different links never collide
                    .id("link-" + url.key())
                    // a board we start ourselves prints its banner; one on a cable may be running already
                    .bannerRequired(launched)
                    .link(linkUrl)
                    .reset(launched ? ResetConfig.hard() : ResetConfig.shellCommand())
                    .source("--link " + linkUrl).build();
        }
        return pick(inventory(hardwareMap), name, linkUrl);
    }

    /**
     * The inventory: {@code boards/*.yaml} of the repository plus the hardware map. Files and map
     * entries that cannot be used are in {@link Inventory#broken()}; the others stay usable.
     */
    public static Inventory inventory(Path hardwareMap) {
        Path boardsDir = repoRoot().resolve("boards");
        return Inventory.load(hardwareMap, Files.isDirectory(boardsDir) ? boardsDir : null);
    }

    /** The board {@code name} (default {@link #DEFAULT_BOARD}) of {@code inventory}, with {@code linkUrl} if given. */
    public static BoardProfile pick(Inventory inventory, String name, String linkUrl) {
        BoardProfile board = inventory.board(name == null ? DEFAULT_BOARD : name);
        return linkUrl == null ? board : board.toBuilder().link(linkUrl).build();
    }

    /**
     * Opens the board and waits for it to be ready. {@code ${run}} and {@code ${repo}} in the
     * profile's link URL become the run directory and the repository root (the simulated board
     * keeps its flash file in the run directory).
     */
    public static BoardClient open(BoardProfile profile, Path runDir, AccessMode mode) {
        if (profile.link() == null || profile.link().isBlank()) {
            throw new IllegalArgumentException(profile.source() + ": board '" + profile.name()
                    + "' has no 'link' URL; add e.g. link: serial:///dev/ttyACM0?baud=115200");
        }
        LinkUrl url = LinkUrl.expand(profile.link(), placeholders(runDir));
        // A board the link starts itself (a simulated board, QEMU) is private to the run: nobody
        // else can reach it, so no machine-wide lock is taken and parallel runs never block each
        // other. Boards on cables and remote ports are shared: they are locked.
        BoardLock lock = url.capabilities().launchesBoard() ? null : BoardLock.acquire(profile.id());
        Link link = null;
        DefaultShellSession session = null;
        try {
            link = Links.create(url);
            session = DefaultShellSession.open(link, profile, runDir);
            StandardBoardLifecycle lifecycle = new StandardBoardLifecycle(profile, link, session);
            lifecycle.attach(profile.readyTimeout());
            int baud = Integer.parseInt(url.param("baud", String.valueOf(profile.baud())));
            HilBoardClient client = new HilBoardClient(session, mode, lifecycle, profile.commandTimeout(), baud);
            return lock == null ? client : new LockedBoardClient(client, lock);
        } catch (RuntimeException e) {
            if (session != null) {
                session.close();
            } else if (link != null) {
                link.close();
            }
            if (lock != null) {
                lock.close();
            }
            throw RemotePortBusyException.orElse(e, profile);
        }
    }

    /** What {@code ${repo}} and {@code ${run}} in a profile's link URL stand for. */
    static Map<String, String> placeholders(Path runDir) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("repo", repoRoot().toString());
        if (runDir != null) {
            values.put("run", runDir.toAbsolutePath().toString());
        }
        return values;
    }
}
