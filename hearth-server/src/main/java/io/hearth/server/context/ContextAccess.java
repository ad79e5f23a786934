package io.hearth.server.context;

import io.hearth.api.FieldError;
import io.hearth.api.context.ContextAcl;
import io.hearth.server.auth.Principal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who may use and who may change a context, from its ACL (see {@link ContextAcl}). Admins may do
 * both everywhere; whoever may change a context may use it; whoever may do neither does not see it.
 */
final class ContextAccess {
    static final String EVERYONE = "*";
    static final String GROUP_PREFIX = "group:";
    private static final int MAX_ENTRIES = 100;
    private static final Pattern ENTRY = Pattern.compile("\\*|(group:)?[^\\s:*][^\\s]{0,255}");

    private ContextAccess() {}

    static boolean mayUse(Principal principal, ContextAcl acl) {
        return mayManage(principal, acl) || matches(principal, acl.use());
    }

    static boolean mayManage(Principal principal, ContextAcl acl) {
        return principal.admin() || matches(principal, acl.manage());
    }

    private static boolean matches(Principal principal, List<String> entries) {
        for (String entry : entries) {
            if (entry.equals(EVERYONE) || entry.equals(principal.name())) {
                return true;
            }
            if (entry.startsWith(GROUP_PREFIX) && principal.groups().contains(entry.substring(GROUP_PREFIX.length()))) {
                return true;
            }
        }
        return false;
    }

    /** Adds a field error for each bad entry of a requested ACL (absent lists are fine). */
    static void check(ContextAcl acl, List<FieldError> errors) {
        if (acl == null) {
            return;
        }
        check("acl.use", acl.use(), errors);
        check("acl.manage", acl.manage(), errors);
    }

    private static void check(String field, List<String> entries, List<FieldError> errors) {
        if (entries == null) {
            return;
        }
        if (entries.size() > MAX_ENTRIES) {
            errors.add(new FieldError(field, field + " has more than " + MAX_ENTRIES + " entries"));
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            if (entry == null || !ENTRY.matcher(entry).matches()) {
                errors.add(new FieldError(
                        field + "[" + i + "]",
                        "an entry is a user name, group:<name> or *, without spaces; got "
                                + (entry == null ? "nothing" : "\"" + entry + "\"")));
            }
        }
    }
}
