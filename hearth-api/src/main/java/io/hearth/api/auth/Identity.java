package io.hearth.api.auth;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Who the gateway takes the caller to be, as {@code GET /v1/me} answers: what a console shows as
 * "signed in as", and what a client checks its credentials with.
 *
 * @param user the user name every record the caller creates is owned by
 * @param groups the groups authentication found, primary first
 * @param admin whether the caller has the {@code admin} role (sees and acts on everyone's work)
 */
public record Identity(String user, List<String> groups, boolean admin) {
    public Identity {
        requireNonNull(user, "user is null");
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
