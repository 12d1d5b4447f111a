package io.llexthil.cli;

import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.campaign.run.StandardResetDriver;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.inventory.Inventory;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which boards a pool holds, from the command line, with an inventory that needs no hardware. */
class PoolBoardsTest {
    static final List<BoardProfile> INVENTORY = List.of(
            BoardProfile.builder("sim").link("sim:?flash=${run}/sim.flash").build(),
            BoardProfile.builder("nrf-1").platforms(List.of("nrf52840dk/nrf52840")).link("serial:///dev/ttyACM0").build(),
            BoardProfile.builder("nrf-2").platforms(List.of("nrf52840dk/nrf52840")).link("serial:///dev/ttyACM1").build(),
            BoardProfile.builder("stm").platforms(List.of("nucleo_f429zi")).link("serial:///dev/ttyACM2").build());

    static final BoardBridge BRIDGE = new BoardBridge() {
        public BoardProfile profile(String board, Path hardwareMap, String link) {
            String name = board == null ? "sim" : board;
            return INVENTORY.stream().filter(p -> p.name().equals(name)).findFirst()
                    .orElseThrow(() -> new ConfigException("--board " + name + ": no such board"));
        }

        public Inventory inventory(Path hardwareMap) { return Inventory.of(INVENTORY, List.of()); }

        public BoardClient open(BoardProfile profile, Path runDir, AccessMode mode) { throw new UnsupportedOperationException(); }

        public StandardResetDriver.FirmwareSwitch firmwareSwitch(BoardProfile profile) {
            return StandardResetDriver.FirmwareSwitch.NONE;
        }
    };

    /** The pool that {@code args} (options of run) select. */
    static List<String> pool(String... args) {
        RunCommand cmd = new RunCommand();
        new CommandLine(cmd).parseArgs(args);
        return PoolBoards.resolve(cmd.board, cmd.pool, BRIDGE).stream().map(PoolBoards.Member::name).toList();
    }

    @Test
    void boardsCopiesAndPlatformsMakeOnePool() {
        assertThat(pool()).containsExactly("sim");
        assertThat(pool("--pool", "sim:3")).containsExactly("sim-1", "sim-2", "sim-3");
        assertThat(pool("--board", "nrf-1", "--board", "stm", "--pool", "sim:2"))
                .containsExactly("nrf-1", "stm", "sim-1", "sim-2");
        assertThat(pool("--platform", "nrf52840dk/nrf52840")).containsExactly("nrf-1", "nrf-2");
    }

    @Test
    void mistakesAreOneLineEach() {
        assertThatThrownBy(() -> pool("--pool", "nrf-1:2")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--pool nrf-1:2: nrf-1 is one physical board (link serial:///dev/ttyACM0)");
        assertThatThrownBy(() -> pool("--pool", "sim:0")).hasMessage(
                "--pool sim:0: expected BOARD or BOARD:N with N >= 1, e.g. --pool sim:4");
        assertThatThrownBy(() -> pool("--board", "nrf-1", "--board", "nrf-1"))
                .hasMessageStartingWith("board nrf-1 is named twice in the pool");
        assertThatThrownBy(() -> pool("--platform", "esp32")).hasMessage(
                "--platform esp32: no connected board of that platform in the inventory; platforms there: "
                        + "nrf52840dk/nrf52840, nucleo_f429zi");
    }

    @Test
    void commandsOfOneBoardRefuseSeveral() {
        BoardOptions options = new BoardOptions();
        options.boards.addAll(List.of("nrf-1", "nrf-2"));
        assertThatThrownBy(options::board).isInstanceOf(ConfigException.class)
                .hasMessage("--board given 2 times: only run, fuzz and the sweeps take a pool of boards; give this command one --board");
    }
}
