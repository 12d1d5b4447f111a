package io.llexthil.board;

import io.llexthil.link.Link;
import io.llexthil.link.LinkUrl;
import io.llexthil.link.Links;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.DefaultShellSession;
import io.llexthil.shell.inventory.BoardLock;
import io.llexthil.shell.inventory.Inventory;
import io.llexthil.shell.reset.ResetControl;
import io.llexthil.shell.reset.ResetControls;
import java.nio.file.Files;
import java.nio.file.Path;

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
     * Resolves a board profile. With {@code linkUrl} alone a profile with Zephyr defaults and no
     * reset method is made for it; with a name too, that board's profile gets the other link.
     */
    public static BoardProfile profile(String name, Path hardwareMap, String linkUrl) {
        Path boardsDir = repoRoot().resolve("boards");
        if (linkUrl != null && name == null && hardwareMap == null) {
            LinkUrl.parse(linkUrl); // fail early, with the link grammar's one-line message
            boolean launched = linkUrl.startsWith("sim:") || linkUrl.startsWith("qemu:");
            return BoardProfile.builder(BareLinkName.of(linkUrl)) // named after what the URL reaches
                    // the lock belongs to what the URL reaches, so two different links never collide
                    .id(lockId(linkUrl))
                    // a board we start ourselves prints its banner; one on a cable may be running already
                    .bannerRequired(launched)
                    .link(linkUrl)
                    .reset(linkUrl.startsWith("sim:") || linkUrl.startsWith("qemu:")
                            ? io.llexthil.shell.reset.ResetSpec.hard() : io.llexthil.shell.reset.ResetSpec.none())
                    .source("--link " + linkUrl).build();
        }
        Inventory inventory = Inventory.load(hardwareMap, Files.isDirectory(boardsDir) ? boardsDir : null);
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
        // A board whose link names this run's own resources (a simulated board with its flash file
        // in the run directory) is private to the run: nobody else can reach it, so no
        // machine-wide lock is taken and parallel runs never block each other.
        boolean privateToRun = runDir != null && profile.link().contains("${run}");
        BoardLock lock = privateToRun ? null : BoardLock.acquire(profile.id());
        Link link = null;
        DefaultShellSession session = null;
        try {
            String url = expand(profile.link(), runDir);
            LinkUrl parsed = LinkUrl.parse(url);
            link = Links.create(parsed);
            session = DefaultShellSession.open(link, profile, runDir);
            session.awaitReady(profile.readyTimeout());
            ResetControl reset = ResetControls.forProfile(profile);
            Link resetLink = link;
            DefaultShellSession resetSession = session;
            HilBoardClient.Resetter resetter = (client, timeout) -> {
                int before = resetSession.epoch();
                reset.trigger(resetSession, resetLink, timeout);
                HilBoardClient.awaitNextBoot(resetSession, before, profile.readyTimeout());
            };
            int baud = Integer.parseInt(parsed.param("baud", String.valueOf(profile.baud())));
            HilBoardClient client = new HilBoardClient(session, mode, resetter, profile.commandTimeout(), baud);
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

    /** A lock id for a bare link URL: readable, file-name safe, and distinct per URL. */
    static String lockId(String linkUrl) {
        String readable = linkUrl.replaceAll("[^A-Za-z0-9._-]+", "_");
        if (readable.length() > 60) {
            readable = readable.substring(0, 60);
        }
        return "link-" + readable + "-" + Integer.toHexString(linkUrl.hashCode());
    }

    static String expand(String url, Path runDir) {
        String out = url.replace("${repo}", repoRoot().toString());
        if (out.contains("${run}")) {
            if (runDir == null) {
                throw new IllegalArgumentException("link URL '" + url + "' uses ${run} but no run directory was given");
            }
            out = out.replace("${run}", runDir.toAbsolutePath().toString());
        }
        return out;
    }
}
