package io.hearth.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/**
 * {@code hearth server}: listed here so {@code hearth --help} and completion show it, but run by
 * the distribution's {@code bin/hearth}, which starts the gateway's own main class on the gateway's
 * classpath. The CLI does not depend on the server, so it cannot start one itself.
 */
@Command(name = "server", description = "Run the Hearth gateway in the foreground (see `hearth server --help`).")
final class ServerCommand implements Callable<Integer> {
    @ParentCommand
    HearthCli hearth;

    @Unmatched
    List<String> arguments;

    @Override
    public Integer call() {
        hearth.context()
                .err()
                .println("ERROR: `hearth server` runs from the distribution's bin/hearth, which starts the gateway "
                        + "(io.hearth.server.HearthMain); this program is only the client");
        return ExitCode.USAGE.code();
    }
}
