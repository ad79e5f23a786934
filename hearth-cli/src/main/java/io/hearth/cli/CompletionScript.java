package io.hearth.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.AutoComplete;

/** Writes the bash (and zsh) completion script of {@code hearth} to a file; the build ships it. */
public final class CompletionScript {
    private CompletionScript() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CompletionScript FILE");
        }
        PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, UTF_8);
        CliContext context = new CliContext(discard, discard, new ByteArrayInputStream(new byte[0]), Map.of(), false);
        String script = AutoComplete.bash("hearth", HearthCli.commandLine(context));
        Path file = Path.of(args[0]);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, script, UTF_8);
    }
}
