package io.llexthil.cli;

import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.campaign.diag.Diagnostics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "diag", mixinStandardHelpOptions = true,
        description = {"Field diagnostics of a deployed board, read-only.",
                "Reports firmware and build id, loaded extensions, heap, both context slots, reset cause and boot counter.",
                "Sends only read-only commands (info, state, ctx info); the connection refuses anything else unless --allow-write."})
final class DiagCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print JSON instead of the table.")
    boolean json;

    @Option(names = "--allow-write", description = "Open the connection read-write (diag itself still only reads).")
    boolean allowWrite;

    @Option(names = "--runs-dir", paramLabel = "DIR", defaultValue = "runs", description = "Where the transcript and diag.json go. Default: ${DEFAULT-VALUE}.")
    Path runsDir;

    @Mixin
    BoardOptions board = new BoardOptions();

    @Override
    public Integer call() {
        BoardConnect.Attached attached = BoardConnect.attach(board, runsDir, "diag",
                allowWrite ? AccessMode.READ_WRITE : AccessMode.READ_ONLY, BoardConnect::cannotConnect);
        Path dir = attached.dir();
        BoardClient client = attached.client();
        try (client) {
            Diagnostics.Report r = Diagnostics.collect(client);
            String js = Diagnostics.json(r);
            String table = Diagnostics.table(r);
            try {
                Files.writeString(dir.resolve("diag.json"), js, StandardCharsets.UTF_8);
                Files.writeString(dir.resolve("diag.txt"), table, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Cli.out().print(json ? js + "\n" : table);
            if (!json) {
                Cli.out().println("saved: " + dir.resolve("diag.json"));
            }
            return ExitCodes.OK;
        }
    }
}
