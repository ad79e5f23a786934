package io.hearth.client;

import static java.util.Objects.requireNonNull;

import io.hearth.api.job.FunctionInfo;
import io.hearth.api.job.FunctionList;
import io.hearth.api.job.FunctionRequest;
import java.util.List;

/**
 * Functions: job classes from uploaded jars, registered under a name, whose runs are {@link Jobs}.
 * Obtained from {@link HearthClient#functions()}; thread-safe.
 *
 * <pre>{@code
 * FunctionInfo wordCount = client.functions().register(
 *         new FunctionRequest("word-count", artifactId, "io.hearth.examples.WordCountJob", null));
 * System.out.println(wordCount.parametersSchema());
 * }</pre>
 */
public final class Functions {
    private final RestTransport transport;

    Functions(RestTransport transport) {
        this.transport = requireNonNull(transport, "transport is null");
    }

    /**
     * Registers a job class of an uploaded jar under a name; an engine loads and checks the class
     * and derives the JSON Schema of its parameters.
     *
     * @throws HearthClientException {@code INVALID_FUNCTION} (422) with the engine's reason when
     *     the class cannot be used, {@code NOT_FOUND} for an unknown artifact, {@code CONFLICT}
     *     when the name is taken
     */
    public FunctionInfo register(FunctionRequest request) {
        requireNonNull(request, "request is null");
        return transport.send("POST", "/v1/functions", request, FunctionInfo.class);
    }

    /** One function, with its {@code parameters_schema}; {@code NOT_FOUND} if there is none. */
    public FunctionInfo find(String name) {
        return transport.send("GET", path(name), null, FunctionInfo.class);
    }

    /** The caller's functions, by name. */
    public List<FunctionInfo> list() {
        return transport.send("GET", "/v1/functions", null, FunctionList.class).functions();
    }

    /** Deletes a function; its jobs and their results stay. */
    public void delete(String name) {
        transport.call("DELETE", path(name));
    }

    private static String path(String name) {
        return "/v1/functions/" + RestTransport.segment(name);
    }
}
