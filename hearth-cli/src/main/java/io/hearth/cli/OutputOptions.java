package io.hearth.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a verb that prints a result prints it: the options {@code sql}, {@code run} and {@code result} share. */
final class OutputOptions {
    @Option(
            names = "--format",
            defaultValue = "table",
            paramLabel = "FORMAT",
            description = "table, csv, json (JSON Lines), arrow (an Arrow IPC stream) or bson (BSON documents, one per"
                    + " row); a job's value is printed"
                    + " as JSON, indented unless json; default ${DEFAULT-VALUE}")
    OutputFormat format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "write the result to this file instead of stdout")
    Path output;

    @Option(
            names = "--max-width",
            defaultValue = "40",
            paramLabel = "N",
            description = "table format: cut values wider than N characters (default ${DEFAULT-VALUE})")
    int maxWidth;
}
