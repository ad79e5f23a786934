package io.hearth.server.hs2;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.OnWaitTimeout;
import io.hearth.api.ResultFormat;
import io.hearth.api.statement.StatementError;
import io.hearth.api.statement.StatementRequest;
import io.hearth.server.auth.Principal;
import io.hearth.server.result.ResultStore;
import io.hearth.server.session.SessionId;
import io.hearth.server.statement.Statement;
import io.hearth.server.statement.StatementService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs metadata queries through the statement service, as REST statements run: stored, admitted
 * by the session (so only its owner may), queued in the session's lane, and their rows read back
 * from the result store. Metadata answers are small (names and types), so the rows are read whole,
 * chunk by chunk, through the store's JSON rendering.
 */
public final class StatementSessionQueries implements SessionQueries {
    /** The longest wait the statement service allows; a metadata query taking longer is canceled. */
    private static final String WAIT_TIMEOUT = "50s";

    private final StatementService statements;
    private final ObjectMapper json = new ObjectMapper();

    public StatementSessionQueries(StatementService statements) {
        this.statements = requireNonNull(statements, "statements is null");
    }

    @Override
    public List<List<Object>> run(Principal principal, SessionId session, String sql) {
        requireNonNull(principal, "principal is null");
        requireNonNull(session, "session is null");
        requireNonNull(sql, "sql is null");
        Statement statement;
        try {
            statement = statements.submit(
                    principal,
                    new StatementRequest(
                            sql,
                            List.of(),
                            WAIT_TIMEOUT,
                            OnWaitTimeout.CANCEL,
                            ResultFormat.JSON_ARRAY,
                            null,
                            null,
                            session.value()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HearthException(ErrorCode.CANCELED, "interrupted while waiting for a metadata query", e);
        }
        return switch (statement.state()) {
            case SUCCEEDED -> readRows(statement);
            case FAILED ->
                throw new QueryFailedException(
                        statement.error() == null
                                ? new StatementError(ErrorCode.INTERNAL_ERROR.name(), "the statement failed", null)
                                : statement.error());
            case CANCELED ->
                throw new HearthException(ErrorCode.CANCELED, "metadata query " + statement.id() + " was canceled");
            case PENDING, RUNNING ->
                throw new HearthException(
                        ErrorCode.ENGINE_UNAVAILABLE,
                        "metadata query " + statement.id() + " did not finish within " + WAIT_TIMEOUT);
            case CLOSED ->
                throw new HearthException(
                        ErrorCode.RESULT_EXPIRED, "the result of metadata query " + statement.id() + " has expired");
        };
    }

    private List<List<Object>> readRows(Statement statement) {
        if (statement.manifest() == null) {
            return List.of();
        }
        if (statement.manifest().truncated()) {
            // a partial listing would silently hide tables or columns
            throw new HearthException(
                    ErrorCode.RESULT_TOO_LARGE,
                    "metadata query " + statement.id() + " answered more rows than a result may hold");
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int index = 0; index < statement.manifest().totalChunkCount(); index++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ResultStore.Chunk chunk = statements.openChunk(statement, index)) {
                chunk.writeTo(ResultFormat.JSON_ARRAY, out);
            }
            try {
                for (JsonNode row : json.readTree(out.toByteArray())) {
                    List<Object> values = new ArrayList<>(row.size());
                    for (JsonNode value : row) {
                        values.add(valueOf(value));
                    }
                    rows.add(values);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the result of metadata query " + statement.id(), e);
            }
        }
        return rows;
    }

    private static Object valueOf(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        return value.toString(); // nested values as their JSON text
    }
}
