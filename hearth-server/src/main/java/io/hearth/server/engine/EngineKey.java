package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.context.ShareLevel;
import java.util.Optional;

/**
 * What an engine serves: work of one context, at its share level, for one subject (a session or a
 * single piece of work at CONNECTION, a user at USER, a group at GROUP, {@code *} at SERVER), and
 * as whom it runs when impersonating. The identity is part of the key so that an engine of one
 * identity (or one launched without impersonation) never serves work that needs another.
 *
 * @param proxyUser the Hadoop user the engine runs as ({@code --proxy-user}); empty when it runs as
 *     the gateway's own user
 */
public record EngineKey(String context, ShareLevel shareLevel, String subject, Optional<String> proxyUser) {
    static final String EVERYONE = "*";
    private static final String PROXY_USER = ";proxy-user=";

    public EngineKey {
        requireNonNull(context, "context is null");
        requireNonNull(shareLevel, "shareLevel is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(proxyUser, "proxyUser is null");
    }

    public EngineKey(String context, ShareLevel shareLevel, String subject) {
        this(context, shareLevel, subject, Optional.empty());
    }

    /** The key work of this request gets in this context (impersonation off). */
    static EngineKey of(EngineContext context, EngineRequest request) {
        return of(context, request, ImpersonationConfig.disabled());
    }

    /**
     * The key work of this request gets in this context.
     *
     * @throws HearthException INVALID_REQUEST when impersonation allows no engine for it (SERVER, or
     *     GROUP for a group without a Hadoop user)
     */
    static EngineKey of(EngineContext context, EngineRequest request, ImpersonationConfig impersonation) {
        String subject = switch (context.shareLevel()) {
            case CONNECTION -> request.connection();
            case USER -> request.principal().name();
            case GROUP -> request.principal().primaryGroup();
            case SERVER -> EVERYONE;
        };
        if (!impersonation.enabled()) {
            return new EngineKey(context.name(), context.shareLevel(), subject);
        }
        Optional<String> refused = impersonation.refusal(context.shareLevel());
        if (refused.isPresent()) {
            throw HearthException.aboutField(
                    ErrorCode.INVALID_REQUEST, "context " + context.name() + ": " + refused.get(), "context");
        }
        String proxyUser = switch (context.shareLevel()) {
            case CONNECTION, USER -> request.principal().name();
            case GROUP -> {
                String user = impersonation.groupUsers().get(subject);
                if (user == null) {
                    throw HearthException.aboutField(
                            ErrorCode.INVALID_REQUEST,
                            "context " + context.name() + " runs one engine per group, and group " + subject
                                    + " has no Hadoop user to run as (impersonation.group-users." + subject + ")",
                            "context");
                }
                yield user;
            }
            case SERVER -> throw new IllegalStateException("refused above");
        };
        return new EngineKey(context.name(), context.shareLevel(), subject, Optional.of(proxyUser));
    }

    /**
     * The key written by {@link #toString}; empty for a warm engine's ({@code context:LEVEL:}) or a
     * text that is not a key.
     */
    static Optional<EngineKey> parse(String text) {
        String[] parts = text.split(":", 3);
        if (parts.length < 3 || parts[2].isEmpty()) {
            return Optional.empty();
        }
        String subject = parts[2];
        Optional<String> proxyUser = Optional.empty();
        int at = subject.lastIndexOf(PROXY_USER);
        if (at >= 0) {
            proxyUser = Optional.of(subject.substring(at + PROXY_USER.length()));
            subject = subject.substring(0, at);
        }
        try {
            return Optional.of(new EngineKey(parts[0], ShareLevel.valueOf(parts[1]), subject, proxyUser));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return context + ":" + shareLevel + ":" + subject
                + proxyUser.map(user -> PROXY_USER + user).orElse("");
    }
}
