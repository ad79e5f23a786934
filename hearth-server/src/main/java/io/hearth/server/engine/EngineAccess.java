package io.hearth.server.engine;

import io.hearth.api.context.ShareLevel;
import io.hearth.server.auth.Principal;

/**
 * Who sees and who stops an engine. A user sees the engines serving them: their USER engine,
 * their CONNECTION engines, their group's GROUP engines, and the SERVER engines everyone shares.
 * Only admins see unassigned (warm or standby) engines. A user may stop (and read the log of)
 * only an engine that serves them alone, a USER or CONNECTION one; a shared engine holds other
 * people's work, so only admins stop it or read its log.
 */
final class EngineAccess {
    private EngineAccess() {}

    static boolean maySee(Principal principal, ManagedEngine engine) {
        return principal.admin() || serves(principal, engine);
    }

    static boolean mayManage(Principal principal, ManagedEngine engine) {
        if (principal.admin()) {
            return true;
        }
        EngineKey key = engine.key();
        return key != null
                && (key.shareLevel() == ShareLevel.USER || key.shareLevel() == ShareLevel.CONNECTION)
                && serves(principal, engine);
    }

    private static boolean serves(Principal principal, ManagedEngine engine) {
        EngineKey key = engine.key();
        if (key == null) {
            return false;
        }
        return switch (key.shareLevel()) {
            case USER -> key.subject().equals(principal.name());
            case CONNECTION -> principal.name().equals(engine.assignedUser());
            case GROUP ->
                key.subject().equals(principal.primaryGroup())
                        || principal.groups().contains(key.subject());
            case SERVER -> true;
        };
    }
}
