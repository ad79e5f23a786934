package io.hearth.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hearth user remove NAME}: removes a user from the users file; their next request is refused. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user from the users file.")
final class UserRemoveCommand implements Callable<Integer> {
    @ParentCommand
    UserCommand user;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "the user name")
    String name;

    @Option(names = "--file", paramLabel = "PATH", description = "the users file (default: see `hearth user`)")
    Path file;

    @Override
    public Integer call() throws IOException {
        UsersFile users = user.usersFile(file, spec);
        if (!users.remove(name)) {
            user.hearth().context().err().println("ERROR: no user " + name + " in " + users.path());
            return ExitCode.USAGE.code();
        }
        user.hearth().context().out().println("Removed user " + name + " from " + users.path());
        return ExitCode.SUCCESS.code();
    }
}
