package io.hearth.server.hs2;

import static java.util.Objects.requireNonNull;

import io.hearth.server.auth.Principal;
import io.hearth.server.session.SessionId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;

/**
 * A HiveServer2 session: the Hearth session it is, whose it is, the protocol version agreed, and
 * its open operations.
 */
final class Hs2Session {
    private final Hs2Handles.Key key;
    private final SessionId sessionId;
    private final Principal principal;
    private final TProtocolVersion protocol;
    private final Set<Hs2Handles.Key> operations = ConcurrentHashMap.newKeySet();

    Hs2Session(Hs2Handles.Key key, SessionId sessionId, Principal principal, TProtocolVersion protocol) {
        this.key = requireNonNull(key, "key is null");
        this.sessionId = requireNonNull(sessionId, "sessionId is null");
        this.principal = requireNonNull(principal, "principal is null");
        this.protocol = requireNonNull(protocol, "protocol is null");
    }

    Hs2Handles.Key key() {
        return key;
    }

    SessionId sessionId() {
        return sessionId;
    }

    Principal principal() {
        return principal;
    }

    TProtocolVersion protocol() {
        return protocol;
    }

    /** Columnar row sets came with protocol V6. */
    boolean columnar() {
        return protocol.getValue() >= TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V6.getValue();
    }

    Set<Hs2Handles.Key> operations() {
        return operations;
    }
}
