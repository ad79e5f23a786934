package io.hearth.cli;

import io.hearth.api.job.FunctionInfo;
import io.hearth.api.job.FunctionRequest;
import io.hearth.client.HearthClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hearth functions [list | show NAME | register ... NAME | delete NAME]}: the caller's functions. */
@Command(
        name = "functions",
        mixinStandardHelpOptions = true,
        description = "List your functions (the default), show one with its parameters, register or delete one.")
final class FunctionsCommand implements Callable<Integer> {
    @ParentCommand
    HearthCli hearth;

    @Override
    public Integer call() {
        return list();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List your functions, by name.")
    int list() {
        PrintStream out = hearth.context().out();
        try (HearthClient client = hearth.connect()) {
            out.printf("%-24s  %-40s  %-36s  %s%n", "NAME", "CLASS", "ARTIFACT_ID", "RESULT");
            for (FunctionInfo function : client.functions().list()) {
                out.printf(
                        "%-24s  %-40s  %-36s  %s%n",
                        function.name(), function.className(), function.artifactId(), function.resultType());
            }
        }
        return ExitCode.SUCCESS.code();
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Show a function: its class, artifact, result type, and its parameters with their types.")
    int show(@Parameters(paramLabel = "NAME", description = "the function") String name) {
        try (HearthClient client = hearth.connect()) {
            print(client.functions().find(name));
        }
        return ExitCode.SUCCESS.code();
    }

    @Command(
            name = "register",
            mixinStandardHelpOptions = true,
            description = {
                "Register a job class of an uploaded jar (`hearth upload`) as a function.",
                "The gateway's engine loads and checks the class, and derives its parameters."
            })
    int register(
            @Option(names = "--artifact", required = true, paramLabel = "ARTIFACT_ID", description = "the uploaded jar")
                    String artifactId,
            @Option(
                            names = "--class",
                            required = true,
                            paramLabel = "CLASS",
                            description = "a class implementing io.hearth.api.spi.HearthJob")
                    String className,
            @Option(
                            names = "--context",
                            paramLabel = "CONTEXT",
                            description = "where its jobs run (default: default, the shared engine)")
                    String context,
            @Parameters(
                            paramLabel = "NAME",
                            description = "its name: a lower-case letter, then lower-case letters, digits, - or _")
                    String name) {
        try (HearthClient client = hearth.connect()) {
            print(client.functions().register(new FunctionRequest(name, artifactId, className, context)));
        }
        return ExitCode.SUCCESS.code();
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = "Delete a function; its jobs and their results stay.")
    int delete(@Parameters(paramLabel = "NAME", description = "the function") String name) {
        try (HearthClient client = hearth.connect()) {
            client.functions().delete(name);
            hearth.context().out().println("deleted function " + name);
        }
        return ExitCode.SUCCESS.code();
    }

    private void print(FunctionInfo function) {
        PrintStream out = hearth.context().out();
        out.println("name:       " + function.name());
        out.println("class:      " + function.className());
        out.println("artifact:   " + function.artifactId());
        out.println("context:    " + function.context());
        out.println("result:     " + function.resultType());
        out.println("owner:      " + function.owner());
        out.println("created_at: " + function.createdAt());
        List<ParameterSchema.Property> properties =
                new ArrayList<>(ParameterSchema.of(function.parametersSchema()).properties());
        if (properties.isEmpty()) {
            out.println("parameters: none");
            return;
        }
        // required first; the schema's own order is lost on the way (it is a JSON object)
        properties.sort(Comparator.comparing((ParameterSchema.Property property) -> !property.required())
                .thenComparing(ParameterSchema.Property::name));
        out.println("parameters: (hearth run " + function.name() + " NAME=VALUE ...)");
        int nameWidth = "NAME".length();
        int typeWidth = "TYPE".length();
        for (ParameterSchema.Property property : properties) {
            nameWidth = Math.max(nameWidth, property.name().length());
            typeWidth = Math.max(typeWidth, property.typeText().length());
        }
        String format = "  %-" + nameWidth + "s  %-" + typeWidth + "s  %-8s  %s";
        out.println(String.format(format, "NAME", "TYPE", "REQUIRED", "NOTES").stripTrailing());
        for (ParameterSchema.Property property : properties) {
            out.println(String.format(
                            format,
                            property.name(),
                            property.typeText(),
                            property.required() ? "yes" : "no",
                            property.constraints())
                    .stripTrailing());
        }
    }
}
