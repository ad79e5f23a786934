package io.hearth.api.context;

import java.util.List;

/**
 * Who may use a context and who may change it. Each entry is a user name, {@code group:<name>} for
 * every member of a group, or {@code *} for everyone. Admins may always use and change every
 * context; whoever may change a context may also use it.
 *
 * <p>In a request, an absent list keeps its default: {@code use} everyone ({@code ["*"]}),
 * {@code manage} the context's creator; on {@code PUT}, an absent {@code acl} keeps the current one.
 * A context a caller may neither use nor change does not exist for them: it is not listed, reading
 * it answers 404, and work naming it is refused as if it named no context at all.
 *
 * @param use who may run work on it: name it in statements, sessions, jobs and functions
 * @param manage who may change ({@code PUT}) and delete it
 */
public record ContextAcl(List<String> use, List<String> manage) {
    public ContextAcl {
        use = use == null ? null : List.copyOf(use);
        manage = manage == null ? null : List.copyOf(manage);
    }
}
