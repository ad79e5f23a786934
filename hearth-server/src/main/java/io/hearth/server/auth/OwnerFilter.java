package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Whose work a listing shows. A user sees only their own; an admin sees everyone's, or one owner's
 * when asking with {@code ?owner=}. A user who names another owner gets an empty listing, exactly
 * as if that owner had nothing, so a listing never tells whether someone else has work.
 *
 * @param owner the one owner listed; empty lists every owner's work (admins only)
 * @param matchesNothing whether the listing is empty whatever is stored
 */
public record OwnerFilter(Optional<String> owner, boolean matchesNothing) {
    public OwnerFilter {
        requireNonNull(owner, "owner is null");
    }

    /** What {@code principal} sees when asking for {@code requested}'s work (empty: no owner named). */
    public static OwnerFilter of(Principal principal, Optional<String> requested) {
        requireNonNull(principal, "principal is null");
        requireNonNull(requested, "requested is null");
        if (principal.admin()) {
            return new OwnerFilter(requested, false);
        }
        if (requested.isPresent() && !requested.get().equals(principal.name())) {
            return new OwnerFilter(Optional.of(principal.name()), true);
        }
        return new OwnerFilter(Optional.of(principal.name()), false);
    }

    /** Only this owner's work. */
    public static OwnerFilter only(String owner) {
        return new OwnerFilter(Optional.of(owner), false);
    }

    /** Whether a record of {@code recordOwner} is in the listing. */
    public boolean includes(String recordOwner) {
        return !matchesNothing && owner.map(recordOwner::equals).orElse(true);
    }
}
