package io.hearth.server.hs2;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.OnWaitTimeout;
import io.hearth.api.ResultFormat;
import io.hearth.api.session.SessionRequest;
import io.hearth.api.statement.StatementError;
import io.hearth.server.auth.AuditLog;
import io.hearth.server.auth.Principal;
import io.hearth.server.session.Session;
import io.hearth.server.statement.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.hive.service.rpc.thrift.TCancelDelegationTokenReq;
import org.apache.hive.service.rpc.thrift.TCancelDelegationTokenResp;
import org.apache.hive.service.rpc.thrift.TCancelOperationReq;
import org.apache.hive.service.rpc.thrift.TCancelOperationResp;
import org.apache.hive.service.rpc.thrift.TCloseOperationReq;
import org.apache.hive.service.rpc.thrift.TCloseOperationResp;
import org.apache.hive.service.rpc.thrift.TCloseSessionReq;
import org.apache.hive.service.rpc.thrift.TCloseSessionResp;
import org.apache.hive.service.rpc.thrift.TDownloadDataReq;
import org.apache.hive.service.rpc.thrift.TDownloadDataResp;
import org.apache.hive.service.rpc.thrift.TExecuteStatementReq;
import org.apache.hive.service.rpc.thrift.TExecuteStatementResp;
import org.apache.hive.service.rpc.thrift.TFetchOrientation;
import org.apache.hive.service.rpc.thrift.TFetchResultsReq;
import org.apache.hive.service.rpc.thrift.TFetchResultsResp;
import org.apache.hive.service.rpc.thrift.TGetCatalogsReq;
import org.apache.hive.service.rpc.thrift.TGetCatalogsResp;
import org.apache.hive.service.rpc.thrift.TGetColumnsReq;
import org.apache.hive.service.rpc.thrift.TGetColumnsResp;
import org.apache.hive.service.rpc.thrift.TGetCrossReferenceReq;
import org.apache.hive.service.rpc.thrift.TGetCrossReferenceResp;
import org.apache.hive.service.rpc.thrift.TGetDelegationTokenReq;
import org.apache.hive.service.rpc.thrift.TGetDelegationTokenResp;
import org.apache.hive.service.rpc.thrift.TGetFunctionsReq;
import org.apache.hive.service.rpc.thrift.TGetFunctionsResp;
import org.apache.hive.service.rpc.thrift.TGetInfoReq;
import org.apache.hive.service.rpc.thrift.TGetInfoResp;
import org.apache.hive.service.rpc.thrift.TGetInfoValue;
import org.apache.hive.service.rpc.thrift.TGetOperationStatusReq;
import org.apache.hive.service.rpc.thrift.TGetOperationStatusResp;
import org.apache.hive.service.rpc.thrift.TGetPrimaryKeysReq;
import org.apache.hive.service.rpc.thrift.TGetPrimaryKeysResp;
import org.apache.hive.service.rpc.thrift.TGetQueryIdReq;
import org.apache.hive.service.rpc.thrift.TGetQueryIdResp;
import org.apache.hive.service.rpc.thrift.TGetResultSetMetadataReq;
import org.apache.hive.service.rpc.thrift.TGetResultSetMetadataResp;
import org.apache.hive.service.rpc.thrift.TGetSchemasReq;
import org.apache.hive.service.rpc.thrift.TGetSchemasResp;
import org.apache.hive.service.rpc.thrift.TGetTableTypesReq;
import org.apache.hive.service.rpc.thrift.TGetTableTypesResp;
import org.apache.hive.service.rpc.thrift.TGetTablesReq;
import org.apache.hive.service.rpc.thrift.TGetTablesResp;
import org.apache.hive.service.rpc.thrift.TGetTypeInfoReq;
import org.apache.hive.service.rpc.thrift.TGetTypeInfoResp;
import org.apache.hive.service.rpc.thrift.TOpenSessionReq;
import org.apache.hive.service.rpc.thrift.TOpenSessionResp;
import org.apache.hive.service.rpc.thrift.TOperationHandle;
import org.apache.hive.service.rpc.thrift.TOperationType;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;
import org.apache.hive.service.rpc.thrift.TRenewDelegationTokenReq;
import org.apache.hive.service.rpc.thrift.TRenewDelegationTokenResp;
import org.apache.hive.service.rpc.thrift.TSessionHandle;
import org.apache.hive.service.rpc.thrift.TSetClientInfoReq;
import org.apache.hive.service.rpc.thrift.TSetClientInfoResp;
import org.apache.hive.service.rpc.thrift.TStatus;
import org.apache.hive.service.rpc.thrift.TUploadDataReq;
import org.apache.hive.service.rpc.thrift.TUploadDataResp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TCLIService for one connection (binary) or one request (HTTP), acting as the principal the
 * authentication chain returned for it. Every failure is answered as an error status with a
 * SQLSTATE; nothing thrown here ends the connection.
 */
public final class Hs2Service implements TCLIService.Iface {
    private static final Logger log = LoggerFactory.getLogger(Hs2Service.class);
    /** The newest protocol hive-service-rpc 4.0.0 knows. */
    static final TProtocolVersion NEWEST_PROTOCOL = TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V11;
    /** The longest a synchronous ExecuteStatement waits before answering with a running operation. */
    private static final Duration SYNC_WAIT = Duration.ofHours(24);

    private static final String CONTEXT = "hearth.context";
    private static final String HIVECONF = "set:hiveconf:";
    private static final String HIVEVAR = "set:hivevar:";
    private static final String SPARK_VERSION = "4.2.0";

    private final Hs2Backend backend;
    private final Principal principal;
    private final String remoteAddress;
    /** The sessions opened through this connection, closed when it drops. */
    private final Set<Hs2Handles.Key> opened = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Hs2Service(Hs2Backend backend, Principal principal, String remoteAddress) {
        this.backend = requireNonNull(backend, "backend is null");
        this.principal = requireNonNull(principal, "principal is null");
        this.remoteAddress = requireNonNull(remoteAddress, "remoteAddress is null");
    }

    /** The connection dropped or ended: its sessions end with it. */
    void connectionClosed() {
        for (Hs2Handles.Key key : opened) {
            try {
                backend.closeSession(backend.session(principal, key));
            } catch (HearthException e) {
                // closed by the client already
            } catch (RuntimeException e) {
                log.warn("Closing session {} of a dropped connection failed", key, e);
            }
        }
        opened.clear();
    }

    @Override
    public TOpenSessionResp OpenSession(TOpenSessionReq request) {
        try {
            Map<String, String> conf = request.getConfiguration() == null ? Map.of() : request.getConfiguration();
            String context = null;
            Map<String, String> sparkConf = new HashMap<>();
            for (Map.Entry<String, String> entry : conf.entrySet()) {
                String key = entry.getKey();
                String name = key.startsWith(HIVECONF)
                        ? key.substring(HIVECONF.length())
                        : key.startsWith(HIVEVAR) ? key.substring(HIVEVAR.length()) : key;
                if (name.equals(CONTEXT)) {
                    context = entry.getValue();
                } else if (name.startsWith("spark.")) {
                    sparkConf.put(name, entry.getValue());
                }
            }
            Session session = backend.sessions.open(principal, new SessionRequest(context, sparkConf));
            TProtocolVersion protocol = request.getClient_protocol() == null
                            || request.getClient_protocol().getValue() > NEWEST_PROTOCOL.getValue()
                    ? NEWEST_PROTOCOL
                    : request.getClient_protocol();
            Hs2Session hs2Session = new Hs2Session(Hs2Handles.Key.random(), session.id(), principal, protocol);
            backend.add(hs2Session);
            opened.add(hs2Session.key());
            audit("OpenSession", session.id().value(), AuditLog.Outcome.ALLOWED, 200);
            String database = conf.get("use:database");
            if (database != null && !database.isBlank() && !database.equalsIgnoreCase("default")) {
                Statement use = run(hs2Session, "USE `" + database.replace("`", "``") + "`", SYNC_WAIT);
                if (use.state() != io.hearth.api.StatementState.SUCCEEDED) {
                    backend.closeSession(hs2Session);
                    opened.remove(hs2Session.key());
                    StatementError error = use.error();
                    return new TOpenSessionResp(
                            error == null
                                    ? Hs2Errors.error("cannot use database " + database, "3F000")
                                    : Hs2Errors.error(Hs2Errors.message(error), Hs2Errors.sqlState(error)),
                            protocol);
                }
            }
            TOpenSessionResp response = new TOpenSessionResp(Hs2Errors.ok(), protocol);
            response.setSessionHandle(new TSessionHandle(hs2Session.key().identifier()));
            response.setConfiguration(
                    Map.of("hearth.session.id", session.id().value(), "hearth.context", session.context()));
            log.info(
                    "HiveServer2 session {} opened for {} from {} (Hearth session {}, protocol {})",
                    hs2Session.key(),
                    principal.name(),
                    remoteAddress,
                    session.id(),
                    protocol);
            return response;
        } catch (Exception e) {
            audit("OpenSession", "-", AuditLog.Outcome.ALLOWED, status(e));
            return new TOpenSessionResp(failed(e, "OpenSession"), NEWEST_PROTOCOL);
        }
    }

    @Override
    public TCloseSessionResp CloseSession(TCloseSessionReq request) {
        try {
            Hs2Session session = session(request.getSessionHandle());
            backend.closeSession(session);
            opened.remove(session.key());
            return new TCloseSessionResp(Hs2Errors.ok());
        } catch (Exception e) {
            return new TCloseSessionResp(failed(e, "CloseSession"));
        }
    }

    @Override
    public TGetInfoResp GetInfo(TGetInfoReq request) {
        try {
            session(request.getSessionHandle());
            TGetInfoValue value = switch (request.getInfoType()) {
                case CLI_SERVER_NAME -> TGetInfoValue.stringValue("Hearth");
                case CLI_DBMS_NAME -> TGetInfoValue.stringValue("Spark SQL");
                case CLI_DBMS_VER -> TGetInfoValue.stringValue(SPARK_VERSION);
                case CLI_USER_NAME -> TGetInfoValue.stringValue(principal.name());
                case CLI_IDENTIFIER_QUOTE_CHAR -> TGetInfoValue.stringValue("`");
                case CLI_SEARCH_PATTERN_ESCAPE -> TGetInfoValue.stringValue("\\");
                case CLI_ODBC_KEYWORDS -> TGetInfoValue.stringValue("");
                case CLI_MAX_IDENTIFIER_LEN,
                        CLI_MAX_COLUMN_NAME_LEN,
                        CLI_MAX_SCHEMA_NAME_LEN,
                        CLI_MAX_TABLE_NAME_LEN,
                        CLI_MAX_CATALOG_NAME_LEN -> TGetInfoValue.lenValue(128);
                default ->
                    throw new HearthException(
                            ErrorCode.INVALID_REQUEST,
                            "GetInfo " + request.getInfoType() + " is not supported by Hearth");
            };
            return new TGetInfoResp(Hs2Errors.ok(), value);
        } catch (Exception e) {
            return new TGetInfoResp(failed(e, "GetInfo"), TGetInfoValue.stringValue(""));
        }
    }

    @Override
    public TExecuteStatementResp ExecuteStatement(TExecuteStatementReq request) {
        try {
            Hs2Session session = session(request.getSessionHandle());
            Statement statement =
                    run(session, request.getStatement(), request.isRunAsync() ? Duration.ZERO : SYNC_WAIT);
            StatementOperation operation = new StatementOperation(
                    Hs2Handles.Key.random(), session, backend.statements, statement.id(), backend.served);
            backend.add(operation);
            if (request.getQueryTimeout() > 0 && !statement.state().isTerminal()) {
                backend.timeOutAfter(operation, Duration.ofSeconds(request.getQueryTimeout()));
            }
            audit("ExecuteStatement", statement.id().value(), AuditLog.Outcome.ALLOWED, 200);
            TExecuteStatementResp response = new TExecuteStatementResp(Hs2Errors.ok());
            if (!request.isRunAsync() && statement.state() == io.hearth.api.StatementState.FAILED) {
                // as HiveServer2: a synchronous statement's failure is the answer's
                StatementError error = statement.error();
                response.setStatus(
                        error == null
                                ? Hs2Errors.error("the statement failed", "HY000")
                                : Hs2Errors.error(Hs2Errors.message(error), Hs2Errors.sqlState(error)));
            }
            response.setOperationHandle(operation.handle());
            return response;
        } catch (Exception e) {
            audit("ExecuteStatement", "-", AuditLog.Outcome.ALLOWED, status(e));
            return new TExecuteStatementResp(failed(e, "ExecuteStatement"));
        }
    }

    private Statement run(Hs2Session session, String sql, Duration wait) throws InterruptedException {
        if (sql == null || sql.isBlank()) {
            throw new HearthException(ErrorCode.INVALID_REQUEST, "the statement is empty");
        }
        Statement accepted = Statement.accepted(
                        backend.statements.newId(),
                        principal.name(),
                        sql,
                        List.of(),
                        ResultFormat.ARROW_STREAM,
                        null,
                        null,
                        backend.statements.clock().instant())
                .withSession(session.sessionId().value());
        return backend.statements.submit(principal, accepted, wait, OnWaitTimeout.CONTINUE);
    }

    @Override
    public TGetTypeInfoResp GetTypeInfo(TGetTypeInfoReq request) {
        TGetTypeInfoResp response = new TGetTypeInfoResp();
        metadata(
                request.getSessionHandle(),
                TOperationType.GET_TYPE_INFO,
                "GetTypeInfo",
                session -> backend.metadata.typeInfo(),
                response::setStatus,
                response::setOperationHandle);
        return response;
    }

    @Override
    public TGetCatalogsResp GetCatalogs(TGetCatalogsReq request) {
        TGetCatalogsResp response = new TGetCatalogsResp();
        metadata(
                request.getSessionHandle(),
                TOperationType.GET_CATALOGS,
                "GetCatalogs",
                session -> backend.metadata.catalogs(principal, session.sessionId()),
                response::setStatus,
                response::setOperationHandle);
        return response;
    }

    @Override
    public TGetSchemasResp GetSchemas(TGetSchemasReq request) {
        TGetSchemasResp response = new TGetSchemasResp();
        metadata(
                request.getSessionHandle(),
                TOperationType.GET_SCHEMAS,
                "GetSchemas",
                session -> backend.metadata.schemas(
                        principal, session.sessionId(), request.getCatalogName(), request.getSchemaName()),
                response::setStatus,
                response::setOperationHandle);
        return response;
    }

    @Override
    public TGetTablesResp GetTables(TGetTablesReq request) {
        TGetTablesResp response = new TGetTablesResp();
        metadata(
                request.getSessionHandle(),
                TOperationType.GET_TABLES,
                "GetTables",
                session -> backend.metadata.tables(
                        principal,
                        session.sessionId(),
                        request.getCatalogName(),
                        request.getSchemaName(),
                        request.getTableName(),
                        request.getTableTypes() == null
                                ? List.of()
                                : List.copyOf(new LinkedHashSet<>(request.getTableTypes()))),
                response::setStatus,
                response::setOperationHandle);
        return response;
    }

    @Override
    public TGetTableTypesResp GetTableTypes(TGetTableTypesReq request) {
        TGetTableTypesResp response = new TGetTableTypesResp();
        metadata(
                request.getSessionHandle(),
                TOperationType.GET_TABLE_TYPES,
                "GetTableTypes",
                session -> backend.metadata.tableTypes(),
                response::setStatus,
                response::setOperationHandle);
        return response;
    }

    @Override
    public TGetColumnsResp GetColumns(TGetColumnsReq request) {
        TGetColumnsResp response = new TGetColumnsResp();
        metadata(
                request.getSessionHandle(),
                TOperationType.GET_COLUMNS,
                "GetColumns",
                session -> backend.metadata.columns(
                        principal,
                        session.sessionId(),
                        request.getCatalogName(),
                        request.getSchemaName(),
                        request.getTableName(),
                        request.getColumnName()),
                response::setStatus,
                response::setOperationHandle);
        return response;
    }

    @Override
    public TGetFunctionsResp GetFunctions(TGetFunctionsReq request) {
        TGetFunctionsResp response = new TGetFunctionsResp();
        metadata(
                request.getSessionHandle(),
                TOperationType.GET_FUNCTIONS,
                "GetFunctions",
                session -> backend.metadata.functions(
                        principal,
                        session.sessionId(),
                        request.getCatalogName(),
                        request.getSchemaName(),
                        request.getFunctionName()),
                response::setStatus,
                response::setOperationHandle);
        return response;
    }

    @Override
    public TGetPrimaryKeysResp GetPrimaryKeys(TGetPrimaryKeysReq request) {
        TGetPrimaryKeysResp response = new TGetPrimaryKeysResp();
        metadata(
                request.getSessionHandle(),
                TOperationType.GET_FUNCTIONS,
                "GetPrimaryKeys",
                session -> backend.metadata.primaryKeys(
                        principal,
                        session.sessionId(),
                        request.getCatalogName(),
                        request.getSchemaName(),
                        request.getTableName()),
                response::setStatus,
                response::setOperationHandle);
        return response;
    }

    @Override
    public TGetCrossReferenceResp GetCrossReference(TGetCrossReferenceReq request) {
        TGetCrossReferenceResp response = new TGetCrossReferenceResp();
        metadata(
                request.getSessionHandle(),
                TOperationType.GET_FUNCTIONS,
                "GetCrossReference",
                session -> backend.metadata.crossReference(
                        principal,
                        session.sessionId(),
                        request.getParentCatalogName(),
                        request.getParentSchemaName(),
                        request.getParentTableName(),
                        request.getForeignCatalogName(),
                        request.getForeignSchemaName(),
                        request.getForeignTableName()),
                response::setStatus,
                response::setOperationHandle);
        return response;
    }

    private void metadata(
            TSessionHandle handle,
            TOperationType type,
            String call,
            Function<Hs2Session, MetadataResult> answer,
            java.util.function.Consumer<TStatus> status,
            java.util.function.Consumer<TOperationHandle> operationHandle) {
        try {
            Hs2Session session = session(handle);
            MetadataOperation operation =
                    new MetadataOperation(Hs2Handles.Key.random(), session, type, answer.apply(session));
            backend.add(operation);
            status.accept(Hs2Errors.ok());
            operationHandle.accept(operation.handle());
        } catch (Exception e) {
            status.accept(failed(e, call));
        }
    }

    @Override
    public TGetOperationStatusResp GetOperationStatus(TGetOperationStatusReq request) {
        try {
            return operation(request.getOperationHandle()).status();
        } catch (Exception e) {
            return new TGetOperationStatusResp(failed(e, "GetOperationStatus"));
        }
    }

    @Override
    public TCancelOperationResp CancelOperation(TCancelOperationReq request) {
        try {
            operation(request.getOperationHandle()).cancel();
            return new TCancelOperationResp(Hs2Errors.ok());
        } catch (Exception e) {
            return new TCancelOperationResp(failed(e, "CancelOperation"));
        }
    }

    @Override
    public TCloseOperationResp CloseOperation(TCloseOperationReq request) {
        try {
            backend.closeOperation(operation(request.getOperationHandle()));
            return new TCloseOperationResp(Hs2Errors.ok());
        } catch (Exception e) {
            return new TCloseOperationResp(failed(e, "CloseOperation"));
        }
    }

    @Override
    public TGetResultSetMetadataResp GetResultSetMetadata(TGetResultSetMetadataReq request) {
        try {
            TGetResultSetMetadataResp response = new TGetResultSetMetadataResp(Hs2Errors.ok());
            response.setSchema(operation(request.getOperationHandle()).schema());
            return response;
        } catch (Exception e) {
            return new TGetResultSetMetadataResp(failed(e, "GetResultSetMetadata"));
        }
    }

    @Override
    public TFetchResultsResp FetchResults(TFetchResultsReq request) {
        try {
            Hs2Operation operation = operation(request.getOperationHandle());
            TFetchResultsResp response = new TFetchResultsResp(Hs2Errors.ok());
            if (request.getFetchType() == 1) {
                // the operation's log: Hearth keeps statement logs for REST, not here
                response.setResults(
                        new RowSetBuilder(List.of(), operation.session().columnar(), 0).build());
                response.setHasMoreRows(false);
                return response;
            }
            TFetchOrientation orientation =
                    request.getOrientation() == null ? TFetchOrientation.FETCH_NEXT : request.getOrientation();
            if (orientation != TFetchOrientation.FETCH_NEXT && orientation != TFetchOrientation.FETCH_FIRST) {
                throw new HearthException(
                        ErrorCode.INVALID_REQUEST,
                        "fetch orientation " + orientation + " is not supported; FETCH_NEXT and FETCH_FIRST are");
            }
            long asked = request.getMaxRows();
            int maxRows =
                    (int) Math.min(asked <= 0 ? backend.config.fetchMaxRows() : asked, backend.config.fetchMaxRows());
            Hs2Operation.Fetched fetched = operation.fetch(orientation, maxRows);
            response.setResults(fetched.rows());
            response.setHasMoreRows(fetched.hasMoreRows());
            return response;
        } catch (Exception e) {
            return new TFetchResultsResp(failed(e, "FetchResults"));
        }
    }

    @Override
    public TGetQueryIdResp GetQueryId(TGetQueryIdReq request) {
        try {
            Hs2Operation operation = operation(request.getOperationHandle());
            return new TGetQueryIdResp(
                    operation instanceof StatementOperation statement
                            ? statement.statementId().value()
                            : operation.key().toString());
        } catch (Exception e) {
            // the answer has no status: an unknown handle has no query id
            return new TGetQueryIdResp("");
        }
    }

    @Override
    public TSetClientInfoResp SetClientInfo(TSetClientInfoReq request) {
        try {
            session(request.getSessionHandle());
            return new TSetClientInfoResp(Hs2Errors.ok());
        } catch (Exception e) {
            return new TSetClientInfoResp(failed(e, "SetClientInfo"));
        }
    }

    @Override
    public TGetDelegationTokenResp GetDelegationToken(TGetDelegationTokenReq request) {
        return new TGetDelegationTokenResp(unsupported("delegation tokens are"));
    }

    @Override
    public TCancelDelegationTokenResp CancelDelegationToken(TCancelDelegationTokenReq request) {
        return new TCancelDelegationTokenResp(unsupported("delegation tokens are"));
    }

    @Override
    public TRenewDelegationTokenResp RenewDelegationToken(TRenewDelegationTokenReq request) {
        return new TRenewDelegationTokenResp(unsupported("delegation tokens are"));
    }

    @Override
    public TUploadDataResp UploadData(TUploadDataReq request) {
        TUploadDataResp response = new TUploadDataResp();
        response.setStatus(unsupported("UploadData is"));
        return response;
    }

    @Override
    public TDownloadDataResp DownloadData(TDownloadDataReq request) {
        TDownloadDataResp response = new TDownloadDataResp();
        response.setStatus(unsupported("DownloadData is"));
        return response;
    }

    private static TStatus unsupported(String what) {
        return Hs2Errors.error(what + " not supported by Hearth's HiveServer2 front door", "0A000");
    }

    private Hs2Session session(TSessionHandle handle) {
        if (handle == null || handle.getSessionId() == null) {
            throw new HearthException(ErrorCode.INVALID_REQUEST, "no session handle");
        }
        return backend.session(principal, Hs2Handles.Key.of(handle.getSessionId()));
    }

    private Hs2Operation operation(TOperationHandle handle) {
        if (handle == null || handle.getOperationId() == null) {
            throw new HearthException(ErrorCode.INVALID_REQUEST, "no operation handle");
        }
        return backend.operation(principal, Hs2Handles.Key.of(handle.getOperationId()));
    }

    private TStatus failed(Exception e, String call) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return Hs2Errors.error("the gateway is stopping", "08S01");
        }
        if (e instanceof HearthException) {
            log.debug("HiveServer2 {} for {} failed: {}", call, principal.name(), e.getMessage());
        } else {
            log.warn("HiveServer2 {} for {} failed", call, principal.name(), e);
        }
        return Hs2Errors.error(e);
    }

    private static int status(Exception e) {
        return e instanceof HearthException hearth ? hearth.errorCode().httpStatus() : 500;
    }

    private void audit(String action, String resource, AuditLog.Outcome outcome, int status) {
        backend.audit.record(
                new AuditLog.Entry("hs2", principal.name(), action, resource, remoteAddress, outcome, status));
    }

    /** The sessions this connection opened and has not closed (for tests and logs). */
    List<Hs2Handles.Key> openedSessions() {
        return new ArrayList<>(opened);
    }
}
