package io.hearth.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.event.HearthEvent;
import io.hearth.client.EventSubscription;
import io.hearth.client.Events;
import io.hearth.client.HearthClient;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code hearth events [--statement ID | --job ID | --batch ID | --session ID]}: lifecycle events as
 * JSON lines, as they happen (docs/events.md).
 */
@Command(
        name = "events",
        mixinStandardHelpOptions = true,
        description = {
            "Print lifecycle events, one JSON object per line, as they happen.",
            "Without an option: all of your work's events from now on (or after --after), until interrupted.",
            "With a resource: its events from the first, ending after its last (SUCCEEDED, FAILED, CANCELED, ...)."
        })
final class EventsCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParentCommand
    HearthCli hearth;

    @Spec
    CommandSpec spec;

    @Option(names = "--statement", paramLabel = "ID", description = "one statement's events")
    String statementId;

    @Option(names = "--job", paramLabel = "ID", description = "one job's events")
    String jobId;

    @Option(names = "--batch", paramLabel = "ID", description = "one batch's events")
    String batchId;

    @Option(names = "--session", paramLabel = "ID", description = "one session's events")
    String sessionId;

    @Option(
            names = "--after",
            paramLabel = "SEQUENCE",
            description = "all your events after this sequence (0: every event still kept)")
    Long after;

    @Option(names = "--max", paramLabel = "N", description = "stop after N events")
    Integer max;

    @Override
    public Integer call() {
        long resources = java.util.stream.Stream.of(statementId, jobId, batchId, sessionId)
                .filter(id -> id != null)
                .count();
        if (resources > 1 || (resources == 1 && after != null)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "give at most one of --statement, --job, --batch, --session; --after only without");
        }
        if (max != null && max < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max must be at least 1");
        }
        PrintStream out = hearth.context().out();
        try (HearthClient client = hearth.connect();
                EventSubscription events = subscribe(client.events())) {
            int printed = 0;
            for (Optional<HearthEvent> event = events.next(); event.isPresent(); event = events.next()) {
                out.println(json(event.get()));
                out.flush();
                if (max != null && ++printed >= max) {
                    break;
                }
            }
        }
        return ExitCode.SUCCESS.code();
    }

    private EventSubscription subscribe(Events events) {
        if (statementId != null) {
            return events.statement(statementId);
        }
        if (jobId != null) {
            return events.job(jobId);
        }
        if (batchId != null) {
            return events.batch(batchId);
        }
        if (sessionId != null) {
            return events.session(sessionId);
        }
        return after == null ? events.all() : events.all(after);
    }

    /** The event as every channel writes it (docs/events.md). */
    static String json(HearthEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("version", event.version());
        fields.put("sequence", event.sequence());
        fields.put("type", event.type().name());
        fields.put("kind", event.kind().name());
        fields.put("id", event.id());
        fields.put("owner", event.owner());
        fields.put("external_id", event.externalId());
        fields.put("time", event.time().toString());
        fields.put("data", event.data());
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event read from JSON cannot be written back", e);
        }
    }
}
