package io.hearth.server.context;

import io.hearth.api.context.ContextAcl;
import io.hearth.api.context.ContextRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where contexts made through the API are kept. */
public interface ContextRepository {
    /** Stores a new context; false when the name is taken. */
    boolean insert(StoredContext context);

    Optional<StoredContext> find(String name);

    /** Every stored context, by name. */
    List<StoredContext> list();

    /** Replaces a context's definition and ACL; false when there is no such context. */
    boolean replace(String name, ContextRequest spec, ContextAcl acl, Instant updatedAt);

    /** False when there was no such context. */
    boolean delete(String name);
}
