package io.llexthil.cli;

import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.board.ReadOnlyViolationException;
import io.llexthil.shell.BoardLogLine;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.CommandResult;
import io.llexthil.shell.ShellException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"Interactive passthrough to the board's shell, one command a line, with a transcript in the run directory.",
                "Result lines of hil commands (@@HIL|...) are shown decoded. End with Ctrl-D or 'exit'."})
final class ConsoleCommand implements Callable<Integer> {
    @Option(names = "--read-only", description = "Send only commands that cannot change the board (read-only hil commands and a few shell queries); refuse the rest, kernel reboot included.")
    boolean readOnly;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10", description = "How long one command may take. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Option(names = "--runs-dir", paramLabel = "DIR", defaultValue = "runs", description = "Parent of the run directory <timestamp>-console/ with the transcript. Default: ${DEFAULT-VALUE}.")
    Path runsDir;

    @Mixin
    BoardOptions board = new BoardOptions();

    @Override
    public Integer call() {
        BoardConnect.Attached attached = BoardConnect.attach(board, runsDir, "console",
                readOnly ? AccessMode.READ_ONLY : AccessMode.READ_WRITE, p -> p.name() + ": cannot connect");
        BoardProfile profile = attached.profile();
        Path dir = attached.dir();
        BoardClient client = attached.client();
        Cli.err().println("connected to " + profile.name() + "; transcript in " + dir + "; Ctrl-D to quit");
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.trim().equals("exit")) {
                    break;
                }
                try {
                    String refused = readOnly ? ReadOnlyConsole.refusal(line) : null;
                    if (refused != null) {
                        Cli.err().println(refused);
                        continue;
                    }
                    if (readOnly && line.trim().startsWith("hil ")) {
                        // through the board client as well, so its read-only guard applies twice
                        Cli.out().println(ResultLines.decode(client.command(line.trim().substring(4),
                                Duration.ofSeconds(timeoutSeconds)).line()));
                        continue;
                    }
                    CommandResult r = client.session().exec(line, Duration.ofSeconds(timeoutSeconds));
                    r.logs().stream().map(BoardLogLine::raw).forEach(Cli.out()::println);
                    r.output().stream().map(ResultLines::decode).forEach(Cli.out()::println);
                } catch (ShellException | ReadOnlyViolationException e) {
                    Cli.err().println(Main.oneLine(e));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ExitCodes.OK;
    }
}
