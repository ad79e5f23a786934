package io.hearth.server.job;

import java.util.List;
import java.util.Optional;

/** Registered functions in the metadata store. */
public interface FunctionRepository {
    /** Stores a new function; false when its owner already has one of that name. */
    boolean insert(JobFunction function);

    Optional<JobFunction> find(String owner, String name);

    /** One owner's functions by name; every owner's (by name, then owner) when {@code owner} is empty. */
    List<JobFunction> list(Optional<String> owner);

    /** False when there was no such function. */
    boolean delete(String owner, String name);

    /** The names of the functions (of any owner) defined on the artifact, by name. */
    List<String> namesUsingArtifact(String artifactId);
}
