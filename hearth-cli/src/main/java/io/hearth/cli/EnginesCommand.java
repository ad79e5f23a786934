package io.hearth.cli;

import io.hearth.api.engine.EngineInfo;
import io.hearth.api.job.NamedObjectInfo;
import io.hearth.client.HearthClient;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hearth engines [list | stop ID | log ID | objects ID]}: the gateway's Spark engines. */
@Command(
        name = "engines",
        mixinStandardHelpOptions = true,
        description = "List the gateway's Spark engines (the default), stop one, show its log or its named objects.")
final class EnginesCommand implements Callable<Integer> {
    @ParentCommand
    HearthCli hearth;

    @Override
    public Integer call() {
        return list();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the engines.")
    int list() {
        PrintStream out = hearth.context().out();
        try (HearthClient client = hearth.connect()) {
            out.printf(
                    "%-24s  %-9s  %8s  %7s  %-24s  %s%n",
                    "ENGINE_ID", "STATE", "PID", "RUNNING", "STARTED_AT", "ERROR");
            for (EngineInfo engine : client.engines().list()) {
                out.printf(
                        "%-24s  %-9s  %8s  %7d  %-24s  %s%n",
                        engine.engineId(),
                        engine.state(),
                        engine.pid() == null ? "" : engine.pid(),
                        engine.runningStatements(),
                        engine.startedAt() == null ? "" : engine.startedAt(),
                        engine.error() == null ? "" : engine.error());
            }
        }
        return ExitCode.SUCCESS.code();
    }

    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = "Stop an engine; its running statements fail with ENGINE_LOST.")
    int stop(@Parameters(paramLabel = "ENGINE_ID", description = "the engine") String engineId) {
        try (HearthClient client = hearth.connect()) {
            EngineInfo engine = client.engines().stop(engineId);
            hearth.context().out().println(engine.engineId() + " " + engine.state());
        }
        return ExitCode.SUCCESS.code();
    }

    @Command(
            name = "objects",
            mixinStandardHelpOptions = true,
            description = "List the named objects jobs kept on an engine (gone when it stops).")
    int objects(@Parameters(paramLabel = "ENGINE_ID", description = "the engine") String engineId) {
        PrintStream out = hearth.context().out();
        try (HearthClient client = hearth.connect()) {
            out.printf("%-24s  %-8s  %-40s  %-27s  %s%n", "NAME", "KIND", "TYPE", "CREATED_AT", "CREATED_BY");
            for (NamedObjectInfo object : client.engines().objects(engineId).objects()) {
                out.printf(
                        "%-24s  %-8s  %-40s  %-27s  %s%n",
                        object.name(), object.kind(), object.type(), object.createdAt(), object.createdBy());
            }
        }
        return ExitCode.SUCCESS.code();
    }

    @Command(name = "log", mixinStandardHelpOptions = true, description = "Print the end of an engine's output.")
    int log(
            @Parameters(paramLabel = "ENGINE_ID", description = "the engine") String engineId,
            @Option(
                            names = {"-n", "--lines"},
                            defaultValue = "200",
                            paramLabel = "N",
                            description = "the last N lines (default ${DEFAULT-VALUE})")
                    int lines) {
        try (HearthClient client = hearth.connect()) {
            hearth.context().out().print(client.engines().log(engineId, lines));
            hearth.context().out().flush();
        }
        return ExitCode.SUCCESS.code();
    }
}
