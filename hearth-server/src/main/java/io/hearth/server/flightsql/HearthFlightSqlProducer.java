package io.hearth.server.flightsql;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.hearth.api.HearthException;
import io.hearth.api.OnWaitTimeout;
import io.hearth.api.ResultFormat;
import io.hearth.api.StatementState;
import io.hearth.api.statement.StatementParameter;
import io.hearth.api.statement.StatementRequest;
import io.hearth.server.auth.Principal;
import io.hearth.server.result.ResultMetrics;
import io.hearth.server.result.ResultStore;
import io.hearth.server.statement.Statement;
import io.hearth.server.statement.StatementService;
import io.hearth.server.statement.WorkKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.BasicFlightSqlProducer;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCatalogs;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTableTypes;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutUpdateResult;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Hearth's Flight SQL service: SQL runs through the same {@link StatementService} as REST (so it
 * is listed, limited, queued, cancelled and fails alike), and results are read back from the
 * result store's Arrow chunks, one endpoint per chunk, the engine's record batches passed on as
 * they are.
 *
 * <p>Prepared statements without parameters run when prepared, so the JDBC driver learns the
 * result's schema (it takes an empty one for an update); their first execution reads that result,
 * later ones run again. Statements with {@code :name} markers run when executed, with the values
 * the client bound.
 */
final class HearthFlightSqlProducer extends BasicFlightSqlProducer {
    /** How long one wait on a running statement lasts before the call checks it was not cancelled. */
    private static final Duration POLL = Duration.ofSeconds(1);

    private static final long STREAM_READY_TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(5);

    private final StatementService statements;
    private final FlightAuthentication authentication;
    private final BufferAllocator allocator;
    private final SqlInfoBuilder sqlInfo;
    private final CatalogQueries catalog;
    private final PreparedStatements prepared = new PreparedStatements();
    private final boolean endpointPerChunk;
    private final ResultMetrics.Served served;

    HearthFlightSqlProducer(
            StatementService statements,
            FlightAuthentication authentication,
            BufferAllocator allocator,
            SqlInfoBuilder sqlInfo,
            boolean endpointPerChunk,
            ResultMetrics resultMetrics) {
        this.endpointPerChunk = endpointPerChunk;
        this.served = resultMetrics.served(ResultMetrics.Door.FLIGHT_SQL, ResultFormat.ARROW_STREAM.name());
        this.statements = requireNonNull(statements, "statements is null");
        this.authentication = requireNonNull(authentication, "authentication is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.sqlInfo = requireNonNull(sqlInfo, "sqlInfo is null");
        this.catalog = new CatalogQueries(this::runToCompletion, this::readRows, allocator);
    }

    // ---- statements

    @Override
    public FlightInfo getFlightInfoStatement(
            CommandStatementQuery command, CallContext context, FlightDescriptor descriptor) {
        Principal principal = principal(context);
        Statement statement = run(principal, command.getQuery(), List.of(), context);
        return flightInfo(statement, descriptor);
    }

    @Override
    public void getStreamStatement(TicketStatementQuery ticket, CallContext context, ServerStreamListener listener) {
        try {
            Principal principal = principal(context);
            ResultTicket result = ResultTicket.parse(ticket.getStatementHandle());
            Statement statement = guard(() -> statements.requireResult(
                    statements.find(principal, result.statementId(), WorkKind.STATEMENT),
                    result.wholeResult() ? 0 : result.chunkIndex()));
            int first = result.wholeResult() ? 0 : result.chunkIndex();
            int last = result.wholeResult() ? statement.manifest().totalChunkCount() - 1 : result.chunkIndex();
            stream(statement, first, last, listener);
        } catch (FlightRuntimeException e) {
            listener.error(e);
        } catch (IOException e) {
            listener.error(CallStatus.INTERNAL
                    .withDescription("cannot read the result: " + e.getMessage())
                    .toRuntimeException());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listener.error(CallStatus.CANCELLED
                    .withDescription("the gateway is stopping")
                    .toRuntimeException());
        }
    }

    /**
     * Sends chunks {@code first..last} as one stream. Each stored record batch is handed on as it
     * is: its buffers move from the chunk's reader to the sent root, no value is converted.
     */
    private void stream(Statement statement, int first, int last, ServerStreamListener listener)
            throws IOException, InterruptedException {
        StreamReadiness readiness = new StreamReadiness(listener);
        try (VectorSchemaRoot out = VectorSchemaRoot.create(resultSchema(statement), allocator)) {
            VectorLoader loader = new VectorLoader(out);
            listener.start(out);
            for (int index = first; index <= last; index++) {
                int chunkIndex = index;
                try (ResultStore.Chunk chunk = guard(() -> statements.openChunk(statement, chunkIndex));
                        ArrowStreamReader reader = new ArrowStreamReader(chunk.arrowStream(), allocator)) {
                    VectorUnloader unloader = new VectorUnloader(reader.getVectorSchemaRoot());
                    // the stored stream's bytes (schema, batches, end) count once its batches are sent
                    long bytesCounted = 0;
                    while (reader.loadNextBatch()) {
                        if (!readiness.awaitReady(STREAM_READY_TIMEOUT_MILLIS)) {
                            listener.error(CallStatus.CANCELLED
                                    .withDescription("the client stopped reading")
                                    .toRuntimeException());
                            return;
                        }
                        int rows = reader.getVectorSchemaRoot().getRowCount();
                        try (ArrowRecordBatch batch = unloader.getRecordBatch()) {
                            loader.load(batch);
                        }
                        listener.putNext();
                        served.rows().increment(rows);
                        served.bytes().increment(reader.bytesRead() - bytesCounted);
                        bytesCounted = reader.bytesRead();
                    }
                    served.bytes().increment(reader.bytesRead() - bytesCounted);
                }
            }
            listener.completed();
        }
    }

    // ---- prepared statements

    @Override
    public void createPreparedStatement(
            ActionCreatePreparedStatementRequest request, CallContext context, StreamListener<Result> listener) {
        try {
            Principal principal = principal(context);
            String sql = request.getQuery();
            List<String> names = ParameterMarkers.names(sql);
            PreparedStatements.Prepared statement = new PreparedStatements.Prepared(principal.name(), sql);
            Schema datasetSchema = new Schema(List.of());
            if (names.isEmpty()) {
                Statement ran = run(principal, sql, List.of(), context);
                requireSucceeded(ran);
                statement.ranWhenPrepared(ran);
                datasetSchema = resultSchema(ran);
            }
            ByteString handle = prepared.add(statement);
            List<Field> parameterFields = names.stream()
                    .map(name -> new Field(name, FieldType.nullable(new ArrowType.Utf8()), null))
                    .toList();
            ActionCreatePreparedStatementResult result = ActionCreatePreparedStatementResult.newBuilder()
                    .setPreparedStatementHandle(handle)
                    .setDatasetSchema(ByteString.copyFrom(serialize(datasetSchema)))
                    .setParameterSchema(ByteString.copyFrom(serialize(new Schema(parameterFields))))
                    .build();
            listener.onNext(new Result(Any.pack(result).toByteArray()));
            listener.onCompleted();
        } catch (FlightRuntimeException e) {
            listener.onError(e);
        }
    }

    @Override
    public void closePreparedStatement(
            ActionClosePreparedStatementRequest request, CallContext context, StreamListener<Result> listener) {
        try {
            Principal principal = principal(context);
            prepared.close(principal, request.getPreparedStatementHandle());
            listener.onCompleted();
        } catch (FlightRuntimeException e) {
            listener.onError(e);
        }
    }

    @Override
    public Runnable acceptPutPreparedStatementQuery(
            CommandPreparedStatementQuery command,
            CallContext context,
            FlightStream flightStream,
            StreamListener<PutResult> ackStream) {
        return () -> {
            try {
                PreparedStatements.Prepared statement =
                        prepared.find(principal(context), command.getPreparedStatementHandle());
                List<StatementParameter> bound = List.of();
                while (flightStream.next()) {
                    VectorSchemaRoot root = flightStream.getRoot();
                    if (root.getRowCount() > 1) {
                        throw CallStatus.INVALID_ARGUMENT
                                .withDescription(
                                        "Hearth binds one row of parameters per execution; got " + root.getRowCount())
                                .toRuntimeException();
                    }
                    if (root.getRowCount() == 1) {
                        bound = ParameterValues.fromRow(root, 0);
                    }
                }
                statement.bound = bound;
                ackStream.onCompleted();
            } catch (FlightRuntimeException e) {
                ackStream.onError(e);
            }
        };
    }

    @Override
    public FlightInfo getFlightInfoPreparedStatement(
            CommandPreparedStatementQuery command, CallContext context, FlightDescriptor descriptor) {
        Principal principal = principal(context);
        PreparedStatements.Prepared statement = prepared.find(principal, command.getPreparedStatementHandle());
        Statement ran = statement.takeFirstRun();
        if (ran == null) {
            ran = run(principal, statement.sql, statement.bound, context);
        }
        return flightInfo(ran, descriptor);
    }

    @Override
    public Runnable acceptPutPreparedStatementUpdate(
            CommandPreparedStatementUpdate command,
            CallContext context,
            FlightStream flightStream,
            StreamListener<PutResult> ackStream) {
        // what the JDBC driver sends for a statement whose result has no columns (DDL, INSERT): it
        // ran when prepared, or runs now; Spark reports no count of rows changed
        return () -> {
            try {
                Principal principal = principal(context);
                PreparedStatements.Prepared statement = prepared.find(principal, command.getPreparedStatementHandle());
                while (flightStream.next()) {
                    VectorSchemaRoot root = flightStream.getRoot();
                    if (root.getRowCount() == 1) {
                        statement.bound = ParameterValues.fromRow(root, 0);
                    }
                }
                Statement ran = statement.takeFirstRun();
                if (ran == null) {
                    ran = run(principal, statement.sql, statement.bound, context);
                }
                requireSucceeded(ran);
                DoPutUpdateResult result =
                        DoPutUpdateResult.newBuilder().setRecordCount(-1).build();
                try (ArrowBuf buffer = allocator.buffer(result.getSerializedSize())) {
                    buffer.writeBytes(result.toByteArray());
                    ackStream.onNext(PutResult.metadata(buffer));
                }
                ackStream.onCompleted();
            } catch (FlightRuntimeException e) {
                ackStream.onError(e);
            }
        };
    }

    // ---- metadata

    @Override
    public void getStreamSqlInfo(CommandGetSqlInfo command, CallContext context, ServerStreamListener listener) {
        principal(context);
        sqlInfo.send(command.getInfoList(), listener);
    }

    @Override
    public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
        sendMetadata(listener, context, catalog::catalogs);
    }

    @Override
    public void getStreamSchemas(CommandGetDbSchemas command, CallContext context, ServerStreamListener listener) {
        sendMetadata(listener, context, (principal, call) -> catalog.schemas(principal, call, command));
    }

    @Override
    public void getStreamTables(CommandGetTables command, CallContext context, ServerStreamListener listener) {
        sendMetadata(listener, context, (principal, call) -> catalog.tables(principal, call, command));
    }

    @Override
    public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
        sendMetadata(listener, context, (principal, call) -> catalog.tableTypes());
    }

    @Override
    public FlightInfo getFlightInfoTableTypes(
            CommandGetTableTypes request, CallContext context, FlightDescriptor descriptor) {
        principal(context);
        return super.getFlightInfoTableTypes(request, context, descriptor);
    }

    @Override
    public FlightInfo getFlightInfoCatalogs(
            CommandGetCatalogs request, CallContext context, FlightDescriptor descriptor) {
        principal(context);
        return super.getFlightInfoCatalogs(request, context, descriptor);
    }

    @Override
    public FlightInfo getFlightInfoTables(CommandGetTables request, CallContext context, FlightDescriptor descriptor) {
        principal(context);
        return super.getFlightInfoTables(request, context, descriptor);
    }

    @Override
    protected <T extends Message> List<FlightEndpoint> determineEndpoints(
            T request, FlightDescriptor descriptor, Schema schema) {
        // metadata answers are computed when read: the command itself is the ticket
        return List.of(new FlightEndpoint(new Ticket(Any.pack(request).toByteArray())));
    }

    @Override
    public void close() {
        // prepared statements are forgotten with the server; their results expire as any result does
        prepared.clear();
    }

    // ---- helpers

    private interface MetadataAnswer {
        VectorSchemaRoot answer(Principal principal, CallContext context);
    }

    private void sendMetadata(ServerStreamListener listener, CallContext context, MetadataAnswer answer) {
        try {
            Principal principal = principal(context);
            try (VectorSchemaRoot root = answer.answer(principal, context)) {
                listener.start(root);
                listener.putNext();
                listener.completed();
            }
        } catch (FlightRuntimeException e) {
            listener.error(e);
        }
    }

    private Principal principal(CallContext context) {
        return authentication.principal(context.peerIdentity());
    }

    /** Runs SQL as the principal and waits for it to end, however long it takes (or the call is cancelled). */
    private Statement run(Principal principal, String sql, List<StatementParameter> parameters, CallContext context) {
        StatementRequest request = new StatementRequest(
                sql, parameters, "0s", OnWaitTimeout.CONTINUE, ResultFormat.ARROW_STREAM, null, null, null);
        try {
            Statement statement = guard(() -> {
                try {
                    return statements.submit(principal, request);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw cancelled();
                }
            });
            while (!statement.state().isTerminal()) {
                // the call's gRPC context is cancelled at once when the client goes or its deadline passes
                if (context.isCancelled() || io.grpc.Context.current().isCancelled()) {
                    statements.cancel(principal, statement.id());
                    throw cancelled();
                }
                statement = statements.awaitFinish(principal, statement.id(), POLL);
            }
            return statement;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled();
        }
    }

    private Statement runToCompletion(Principal principal, String sql, CallContext context) {
        Statement statement = run(principal, sql, List.of(), context);
        requireSucceeded(statement);
        return statement;
    }

    private FlightInfo flightInfo(Statement statement, FlightDescriptor descriptor) {
        requireSucceeded(statement);
        List<FlightEndpoint> endpoints = new ArrayList<>();
        if (endpointPerChunk) {
            for (int chunk = 0; chunk < statement.manifest().totalChunkCount(); chunk++) {
                endpoints.add(new FlightEndpoint(new ResultTicket(statement.id(), chunk).toTicket()));
            }
        } else {
            endpoints.add(
                    new FlightEndpoint(ResultTicket.wholeResult(statement.id()).toTicket()));
        }
        return new FlightInfo(
                resultSchema(statement),
                descriptor,
                endpoints,
                statement.manifest().totalByteCount(),
                statement.manifest().totalRowCount(),
                true,
                IpcOption.DEFAULT);
    }

    private static void requireSucceeded(Statement statement) {
        if (statement.state() == StatementState.SUCCEEDED && statement.manifest() != null) {
            return;
        }
        if (statement.state() == StatementState.CANCELED) {
            throw CallStatus.CANCELLED
                    .withDescription("statement " + statement.id() + " was canceled")
                    .toRuntimeException();
        }
        if (statement.error() != null) {
            throw FlightErrors.from(statement.error());
        }
        throw CallStatus.INTERNAL
                .withDescription("statement " + statement.id() + " ended " + statement.state() + " without a result")
                .toRuntimeException();
    }

    /** The Arrow schema of a result, read from its first chunk (which every result has). */
    private Schema resultSchema(Statement statement) {
        try (ResultStore.Chunk chunk = guard(() -> statements.openChunk(statement, 0));
                ArrowStreamReader reader = new ArrowStreamReader(chunk.arrowStream(), allocator)) {
            return reader.getVectorSchemaRoot().getSchema();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every row of a (small, metadata) result, handed batch by batch to {@code rows}. */
    private void readRows(Statement statement, Consumer<VectorSchemaRoot> rows) {
        for (int index = 0; index < statement.manifest().totalChunkCount(); index++) {
            int chunkIndex = index;
            try (ResultStore.Chunk chunk = guard(() -> statements.openChunk(statement, chunkIndex));
                    ArrowStreamReader reader = new ArrowStreamReader(chunk.arrowStream(), allocator)) {
                while (reader.loadNextBatch()) {
                    rows.accept(reader.getVectorSchemaRoot());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static byte[] serialize(Schema schema) {
        return schema.serializeAsMessage();
    }

    private static FlightRuntimeException cancelled() {
        return CallStatus.CANCELLED.withDescription("the call was cancelled").toRuntimeException();
    }

    private static <T> T guard(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (HearthException e) {
            throw FlightErrors.from(e);
        }
    }
}
