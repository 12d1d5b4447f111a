package io.llexthil.cli;

import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.board.Boards;
import io.llexthil.campaign.run.BoardHooks;
import io.llexthil.link.ControlLine;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.input.InputFileException;
import io.llexthil.shell.inventory.Inventory;
import io.llexthil.shell.inventory.InventoryException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The board layer ({@link Boards}) as the CLI uses it. */
final class DefaultBoardBridge implements BoardBridge {

    @Override
    public BoardProfile profile(String board, Path hardwareMap, String link) {
        if (hardwareMap != null && !Files.isRegularFile(hardwareMap)) {
            throw new ConfigException("--hardware-map " + hardwareMap + ": no such file");
        }
        try {
            return Boards.profile(board, hardwareMap, link);
        } catch (InventoryException | InputFileException e) {
            BoardProfile alone = hardwareMap == null ? aloneDespiteBrokenNeighbour(board, link, e) : null;
            if (alone != null) {
                return alone;
            }
            if (board != null && e.getMessage() != null && e.getMessage().contains("no board named")) {
                throw new ConfigException("--board " + board + ": " + Main.oneLine(e)
                        + "; describe it in boards/" + board + ".yaml (docs/boards.md), or use --hardware-map or --link", e);
            }
            throw e;
        }
    }

    /**
     * One malformed {@code boards/*.yaml} must not block the other boards: when the inventory
     * cannot be read because of another file, the board's own {@code boards/NAME.yaml} is read
     * alone (with a warning naming the broken file). Null when that does not apply.
     */
    private static BoardProfile aloneDespiteBrokenNeighbour(String board, String link, RuntimeException broken) {
        if (board == null && link != null) {
            return null; // a bare link needs no inventory
        }
        String name = board == null ? Boards.DEFAULT_BOARD : board;
        Path boardsDir = Boards.repoRoot().resolve("boards");
        Path own = Files.isRegularFile(boardsDir.resolve(name + ".yaml")) ? boardsDir.resolve(name + ".yaml")
                : boardsDir.resolve(name + ".yml");
        String problem = String.valueOf(broken.getMessage());
        if (!Files.isRegularFile(own) || problem.startsWith(own.toString())) {
            return null;
        }
        BoardProfile p = Inventory.loadProfile(own);
        if (!p.name().equals(name) && !p.id().equals(name)) {
            return null;
        }
        Cli.err().println("llext-hil: warning: " + Main.oneLine(broken) + " (that file is skipped; " + own.getFileName()
                + " is read alone)");
        return link == null ? p : p.toBuilder().link(link).build();
    }

    @Override
    public List<BoardProfile> inventory(Path hardwareMap) {
        Path boardsDir = Boards.repoRoot().resolve("boards");
        try {
            return Inventory.load(hardwareMap, Files.isDirectory(boardsDir) ? boardsDir : null).boards();
        } catch (InventoryException | InputFileException e) {
            if (hardwareMap != null || !Files.isDirectory(boardsDir)) {
                throw e;
            }
            return eachAlone(boardsDir);
        }
    }

    /** Every profile file that can be read on its own; each broken one gets a warning line. */
    private static List<BoardProfile> eachAlone(Path boardsDir) {
        List<BoardProfile> boards = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.list(boardsDir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
                try {
                    boards.add(Inventory.loadProfile(f));
                } catch (InventoryException | InputFileException broken) {
                    Cli.err().println("llext-hil: warning: " + Main.oneLine(broken) + " (that board is left out)");
                }
            }
        } catch (IOException e) {
            throw new ConfigException(boardsDir + ": cannot list the board profiles: " + e.getMessage(), e);
        }
        return boards;
    }

    @Override
    public BoardClient open(BoardProfile profile, Path runDir, AccessMode mode) {
        return new ReconnectingBoardClient(Boards.open(profile, runDir, mode), runDir);
    }

    @Override
    public BoardHooks hooks(BoardProfile profile, BoardClient client) {
        return new Hooks(profile, client);
    }

    /** Reset means that the profile's own reset method provides, and firmware switching for sim: and qemu: links. */
    private static final class Hooks implements BoardHooks {
        private final BoardProfile profile;
        private final BoardClient client;
        private int reconnects;

        Hooks(BoardProfile profile, BoardClient client) {
            this.profile = profile;
            this.client = client;
        }

        private String method() {
            return profile.reset() == null ? "none" : profile.reset().method();
        }

        @Override
        public void hardReset(Duration timeout) {
            if (!"hard".equals(method()) && !"pulse".equals(method()) && !"external".equals(method())) {
                throw new UnsupportedOperationException(profile.name() + " has no hard reset in its profile (reset method '"
                        + method() + "'); add reset: {method: hard|pulse|external} to its boards/*.yaml");
            }
            client.reset(timeout);
        }

        @Override
        public void pulse(ControlLine line, Duration pulse, Duration timeout) {
            if (!"pulse".equals(method())) {
                throw new UnsupportedOperationException(profile.name() + "'s profile has no control-line reset (reset method '"
                        + method() + "'); add reset: {method: pulse, ...} to its boards/*.yaml");
            }
            client.reset(timeout);
        }

        @Override
        public void rebootInto(String buildId, String command, Duration timeout) {
            if (command != null) {
                runFlashCommand(command.replace("${build_id}", buildId), timeout);
                client.reset(timeout);
                return;
            }
            String link = profile.link();
            boolean sim = link != null && link.startsWith("sim:");
            boolean qemu = link != null && link.startsWith("qemu:");
            if (!(sim || qemu) || !(client instanceof ReconnectingBoardClient rc)) {
                throw new UnsupportedOperationException(profile.name() + " cannot switch firmware builds by itself;"
                        + " give the reset step a 'command' that flashes build ${build_id}");
            }
            // QEMU: a new process boots the same ELF with the id loaded by -device loader (build-id=); only a
            // file-backed RAM (memfile=) carries the storage over to it, as flash does across a reflash
            if (qemu && !link.matches(".*[?&]memfile=[^&]+.*")) {
                throw new UnsupportedOperationException(profile.name() + " cannot reboot into another build with its"
                        + " storage kept: its qemu: link has no memfile= (add &memfile=${run}/qemu-psram.bin, docs/qemu.md)");
            }
            // ${run} must stay the first connection's run directory: the simulated board's flash file and the
            // QEMU board's RAM file live there. The new connection's run directory is boot-<n>-<build>/ inside
            // it, so ${run}/.. is that place; the link keeps naming ${run}, so the board stays private to the
            // run and takes no machine-wide lock (another run's board "sim" must not make this one busy)
            String url = link.replace("${run}", "${run}/..")
                    .replaceAll("([?&])build-id=[^&]*&?", "$1").replaceAll("[?&]$", "");
            if (!"default".equals(buildId)) {
                url = url + (url.contains("?") ? "&" : "?") + "build-id=" + buildId;
            }
            BoardProfile other = profile.toBuilder().link(url).build();
            int n = ++reconnects;
            rc.reconnect(old -> {
                old.close();
                return Boards.open(other, rc.runDir().resolve("boot-" + n + "-" + buildId), old.accessMode());
            });
        }

        private void runFlashCommand(String command, Duration timeout) {
            try {
                Process p = new ProcessBuilder("sh", "-c", command).inheritIO().start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new UnsupportedOperationException("'" + command + "' did not finish within " + timeout.toSeconds() + " s");
                }
                if (p.exitValue() != 0) {
                    throw new UnsupportedOperationException("'" + command + "' exited with " + p.exitValue());
                }
            } catch (IOException e) {
                throw new UnsupportedOperationException("cannot run '" + command + "': " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnsupportedOperationException("interrupted");
            }
        }
    }
}
