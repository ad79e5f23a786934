package io.hearth.server.hs2;

import static java.util.Objects.requireNonNull;

import org.apache.hive.service.rpc.thrift.TFetchOrientation;
import org.apache.hive.service.rpc.thrift.TGetOperationStatusResp;
import org.apache.hive.service.rpc.thrift.TOperationHandle;
import org.apache.hive.service.rpc.thrift.TOperationType;
import org.apache.hive.service.rpc.thrift.TRowSet;
import org.apache.hive.service.rpc.thrift.TTableSchema;

/** An operation of a HiveServer2 session: a statement, or a metadata answer. */
abstract sealed class Hs2Operation implements AutoCloseable permits StatementOperation, MetadataOperation {
    private final Hs2Handles.Key key;
    private final Hs2Session session;
    private final TOperationType type;

    Hs2Operation(Hs2Handles.Key key, Hs2Session session, TOperationType type) {
        this.key = requireNonNull(key, "key is null");
        this.session = requireNonNull(session, "session is null");
        this.type = requireNonNull(type, "type is null");
    }

    Hs2Handles.Key key() {
        return key;
    }

    Hs2Session session() {
        return session;
    }

    TOperationHandle handle() {
        TOperationHandle handle = new TOperationHandle(key.identifier(), type, true);
        return handle;
    }

    /**
     * Where the operation stands; a running one may be waited for a moment first (a long poll, so
     * clients that poll without pause do not spin).
     */
    abstract TGetOperationStatusResp status() throws InterruptedException;

    /** The columns of its rows. */
    abstract TTableSchema schema() throws InterruptedException;

    /** The next rows (or the first, from the start again), at most {@code maxRows}. */
    abstract Fetched fetch(TFetchOrientation orientation, int maxRows);

    /** Asks it to stop; a finished one is left as it is. */
    abstract void cancel();

    /** Stops it if it runs and lets go of what it holds open. */
    @Override
    public abstract void close();

    /** One FetchResults answer. */
    record Fetched(TRowSet rows, boolean hasMoreRows) {}
}
