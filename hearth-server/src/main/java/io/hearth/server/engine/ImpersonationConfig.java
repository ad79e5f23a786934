package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import io.hearth.api.context.ShareLevel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Whether engines run as the user whose work they serve ({@code spark-submit --proxy-user}), so
 * that HDFS, Hive and YARN enforce that user's rights rather than the gateway's. Identity is fixed
 * per SparkContext and per executor process, so an impersonating engine serves one identity only:
 * a user (USER, CONNECTION) or a group mapped to a Hadoop user of its own (GROUP); SERVER is
 * refused.
 *
 * @param enabled {@code impersonation.enabled}
 * @param groupUsers the Hadoop user a GROUP-level engine of a group runs as ({@code
 *     impersonation.group-users.<group> = <hadoop user>}); a group without one gets no engine
 * @param hadoopConfDirectory the Hadoop client configuration read at start-up to check that the
 *     gateway may impersonate ({@code impersonation.hadoop-conf-dir}, default {@code
 *     HADOOP_CONF_DIR})
 */
public record ImpersonationConfig(boolean enabled, Map<String, String> groupUsers, Optional<Path> hadoopConfDirectory) {
    public ImpersonationConfig {
        groupUsers = Map.copyOf(groupUsers);
        requireNonNull(hadoopConfDirectory, "hadoopConfDirectory is null");
        groupUsers.forEach((group, user) -> {
            if (user.isBlank()) {
                throw new IllegalArgumentException("impersonation.group-users." + group + " must name a Hadoop user");
            }
        });
    }

    public static ImpersonationConfig disabled() {
        return new ImpersonationConfig(false, Map.of(), Optional.empty());
    }

    /**
     * Why engines of this share level cannot be run while impersonating; empty when they can (or
     * impersonation is off).
     */
    public Optional<String> refusal(ShareLevel level) {
        if (!enabled) {
            return Optional.empty();
        }
        return switch (level) {
            case CONNECTION, USER -> Optional.empty();
            case GROUP ->
                groupUsers.isEmpty()
                        ? Optional.of("share level GROUP needs a Hadoop user per group while impersonating"
                                + " (impersonation.group-users.<group> = <user>): one engine has one identity")
                        : Optional.empty();
            case SERVER ->
                Optional.of("share level SERVER would run every user's work as one identity; with"
                        + " impersonation.enabled=true use USER, CONNECTION or GROUP");
        };
    }
}
