package io.hearth.server.flightsql;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.hearth.server.statement.StatementId;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;

/**
 * Names one chunk of a statement's result, or the whole result ({@link #WHOLE_RESULT}), in a Flight
 * ticket. Opaque to clients; the gateway checks
 * on every read that the statement is the caller's, so a ticket carries no authority of its own.
 */
record ResultTicket(StatementId statementId, int chunkIndex) {
    static final int WHOLE_RESULT = -1;
    private static final String PREFIX = "hearth.v1:";

    ResultTicket {
        requireNonNull(statementId, "statementId is null");
        if (chunkIndex < WHOLE_RESULT) {
            throw new IllegalArgumentException("chunkIndex is negative");
        }
    }

    /** Every chunk of the result, in order, as one stream. */
    static ResultTicket wholeResult(StatementId statementId) {
        return new ResultTicket(statementId, WHOLE_RESULT);
    }

    boolean wholeResult() {
        return chunkIndex == WHOLE_RESULT;
    }

    /** A Flight SQL statement ticket, which clients hand back in DoGet. */
    Ticket toTicket() {
        ByteString handle =
                ByteString.copyFrom(PREFIX + statementId.value() + ":" + chunkIndex, StandardCharsets.UTF_8);
        return new Ticket(Any.pack(TicketStatementQuery.newBuilder()
                        .setStatementHandle(handle)
                        .build())
                .toByteArray());
    }

    /** The chunk a statement handle names; NOT_FOUND for anything this gateway did not hand out. */
    static ResultTicket parse(ByteString handle) {
        String text = handle.toStringUtf8();
        int colon = text.lastIndexOf(':');
        if (!text.startsWith(PREFIX) || colon <= PREFIX.length()) {
            throw notFound();
        }
        try {
            return new ResultTicket(
                    new StatementId(text.substring(PREFIX.length(), colon)),
                    Integer.parseInt(text.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    private static RuntimeException notFound() {
        return CallStatus.NOT_FOUND
                .withDescription("the ticket does not name a result")
                .toRuntimeException();
    }
}
