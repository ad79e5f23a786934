package io.hearth.server.context;

import static java.util.Objects.requireNonNull;

import io.hearth.api.context.ContextAcl;
import io.hearth.api.context.ContextRequest;
import java.time.Instant;
import java.util.List;

/**
 * A context made through the API, as stored: its definition as given (absent fields keep following
 * the server's defaults; its ACL is kept apart, in {@code acl}), who made it and when.
 *
 * @param acl who may use and change it; a list left null (a row from before ACLs existed) takes its
 *     default: everyone uses it, its creator changes it
 */
public record StoredContext(
        String name, ContextRequest spec, String createdBy, Instant createdAt, Instant updatedAt, ContextAcl acl) {
    public StoredContext {
        requireNonNull(name, "name is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(createdBy, "createdBy is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        spec = spec.withAcl(null);
        acl = new ContextAcl(
                acl == null || acl.use() == null ? List.of(ContextAccess.EVERYONE) : acl.use(),
                acl == null || acl.manage() == null ? List.of(createdBy) : acl.manage());
    }
}
