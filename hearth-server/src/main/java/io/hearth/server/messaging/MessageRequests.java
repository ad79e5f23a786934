package io.hearth.server.messaging;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.OnWaitTimeout;
import io.hearth.api.event.EventType;
import io.hearth.api.event.ResourceKind;
import io.hearth.api.job.JobRequest;
import io.hearth.api.statement.StatementRequest;
import io.hearth.server.auth.AuditLog;
import io.hearth.server.auth.Authenticator;
import io.hearth.server.auth.Credentials;
import io.hearth.server.auth.Principal;
import io.hearth.server.event.EventDraft;
import io.hearth.server.event.Outbox;
import io.hearth.server.http.Json;
import io.hearth.server.job.JobService;
import io.hearth.server.statement.Statement;
import io.hearth.server.statement.StatementService;
import java.io.IOException;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests by message: a statement or a job in a JSON message from a broker, authenticated by the
 * API token (or JWT) it carries and submitted exactly as over REST (same validation, quotas and
 * idempotency keys), but never waited for: the answer is the work's events, which carry the
 * message's {@code external_id}.
 *
 * <p>A message that cannot be run is answered with one FAILED event, never with an exception that
 * would stop the consumer: for the token's owner when the token was accepted (the request failed
 * validation, its function is unknown, a quota was reached); under the owner {@value
 * MqttTopics#REJECTED_OWNER} when it was not (no token, a token not accepted, not JSON), carrying
 * only the external id and the reason, never the token. Such an event's id is {@code rejected-...}:
 * no work was stored.
 */
final class MessageRequests {
    private static final Logger log = LoggerFactory.getLogger(MessageRequests.class);
    private static final Set<String> FIELDS = Set.of("token", "external_id", "statement", "job");
    private static final int MAX_EXTERNAL_ID_LENGTH = 256;

    private final Authenticator authenticator;
    private final StatementService statements;
    private final JobService jobs;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final Supplier<String> rejectionIds;
    private final ObjectMapper mapper = Json.newMapper();

    MessageRequests(
            Authenticator authenticator,
            StatementService statements,
            JobService jobs,
            Outbox outbox,
            AuditLog audit,
            Clock clock,
            Supplier<String> rejectionIds) {
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.statements = requireNonNull(statements, "statements is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.rejectionIds = requireNonNull(rejectionIds, "rejectionIds is null");
    }

    /**
     * Handles one message; never throws but for an interrupt.
     *
     * @param door {@code mqtt} or {@code kafka}, for the audit line and failed-login counting
     * @param origin where the message came from (its topic), for the audit line
     * @return false when neither the work nor the answer could be stored (the store is down): the
     *     consumer should offer the message again later rather than drop it
     */
    boolean handle(String door, String origin, byte[] payload) throws InterruptedException {
        try {
            handleOrThrow(door, origin, payload);
            return true;
        } catch (InterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            // e.g. the store is down: the answering event cannot be written either
            log.warn(
                    "A request by {} from {} could not be handled, it will be tried again: {}",
                    door,
                    origin,
                    e.toString());
            return false;
        }
    }

    private void handleOrThrow(String door, String origin, byte[] payload) throws InterruptedException {
        JsonNode message;
        try {
            message = mapper.readTree(payload);
        } catch (IOException e) {
            message = null;
        }
        if (message == null || !message.isObject()) {
            reject(
                    door,
                    origin,
                    ResourceKind.STATEMENT,
                    null,
                    ErrorCode.MALFORMED_JSON,
                    "the message is not a JSON object");
            return;
        }
        ResourceKind kind = message.has("job") ? ResourceKind.JOB : ResourceKind.STATEMENT;
        JsonNode externalIdNode = message.get("external_id");
        String externalId = externalIdNode != null && externalIdNode.isTextual() ? externalIdNode.asText() : null;
        if (externalId != null && externalId.length() > MAX_EXTERNAL_ID_LENGTH) {
            reject(door, origin, kind, null, ErrorCode.INVALID_REQUEST, "external_id is longer than 256 characters");
            return;
        }
        JsonNode token = message.get("token");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            reject(door, origin, kind, externalId, ErrorCode.UNAUTHENTICATED, "the message carries no token");
            return;
        }
        Principal principal;
        try {
            principal = authenticator.authenticate(new Credentials.Token(token.asText()), door);
        } catch (HearthException e) {
            reject(door, origin, kind, externalId, e.errorCode(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            reject(door, origin, kind, externalId, ErrorCode.UNAUTHENTICATED, "authentication is unavailable");
            return;
        }
        String action = kind.topicName();
        String resource = "-";
        try {
            Statement accepted = submit(principal, (ObjectNode) message, kind, externalId);
            resource = accepted.id().value();
            audit.record(new AuditLog.Entry(
                    door, principal.name(), action, resource, origin, AuditLog.Outcome.ALLOWED, 200));
            log.debug("Accepted {} {} by {} from {}", action, resource, door, origin);
        } catch (HearthException e) {
            int status = e.errorCode().httpStatus();
            audit.record(new AuditLog.Entry(
                    door, principal.name(), action, resource, origin, outcome(e.errorCode()), status));
            log.warn(
                    "Refused a {} request by {} of {} from {}: {} {}",
                    action,
                    door,
                    principal.name(),
                    origin,
                    e.errorCode(),
                    e.getMessage());
            fail(kind, principal.name(), externalId, e.errorCode(), e.getMessage(), e.field());
        }
    }

    private Statement submit(Principal principal, ObjectNode message, ResourceKind kind, String externalId)
            throws InterruptedException {
        for (Iterator<String> names = message.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw HearthException.invalidField(
                        name, "unknown field '" + name + "': a request has token, external_id and statement or job");
            }
        }
        if (message.has("statement") == message.has("job")) {
            throw HearthException.invalidField("statement", "a request has exactly one of statement and job");
        }
        if (kind == ResourceKind.JOB) {
            JsonNode job = message.get("job");
            if (!job.isObject() || !job.path("function").isTextual()) {
                throw HearthException.invalidField("job.function", "job must be an object naming its function");
            }
            ObjectNode fields = ((ObjectNode) job).deepCopy();
            String function = fields.remove("function").asText();
            JobRequest request = read(fields, JobRequest.class, "job");
            return jobs.submit(
                    principal,
                    function,
                    new JobRequest(
                            request.parameters(),
                            "0s",
                            OnWaitTimeout.CONTINUE,
                            request.format(),
                            request.rowLimit(),
                            request.idempotencyKey(),
                            request.context(),
                            externalId != null ? externalId : request.externalId(),
                            request.callbackUrl()));
        }
        StatementRequest request = read(message.get("statement"), StatementRequest.class, "statement");
        return statements.submit(
                principal,
                new StatementRequest(
                        request.statement(),
                        request.parameters(),
                        "0s",
                        OnWaitTimeout.CONTINUE,
                        request.format(),
                        request.rowLimit(),
                        request.idempotencyKey(),
                        request.sessionId(),
                        request.context(),
                        externalId != null ? externalId : request.externalId(),
                        request.callbackUrl(),
                        request.sink()));
    }

    private <T> T read(JsonNode node, Class<T> type, String field) {
        if (node == null || !node.isObject()) {
            throw HearthException.invalidField(field, field + " must be a JSON object");
        }
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw HearthException.invalidField(field, field + " is invalid: " + e.getOriginalMessage());
        }
    }

    /** Credentials missing or not accepted, or not even JSON: answered under the rejected owner. */
    private void reject(
            String door, String origin, ResourceKind kind, String externalId, ErrorCode code, String reason) {
        audit.record(new AuditLog.Entry(
                door,
                "-",
                kind.topicName(),
                "-",
                origin,
                code == ErrorCode.TOO_MANY_REQUESTS ? AuditLog.Outcome.RATE_LIMITED : AuditLog.Outcome.UNAUTHENTICATED,
                code.httpStatus()));
        log.warn(
                "Rejected a request by {} from {} (external_id {}): {} {}",
                door,
                origin,
                externalId == null ? "-" : externalId,
                code,
                reason);
        fail(kind, MqttTopics.REJECTED_OWNER, externalId, code, reason, null);
    }

    private void fail(
            ResourceKind kind, String owner, String externalId, ErrorCode code, String message, String field) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code.name());
        error.put("message", message);
        if (field != null) {
            error.put("field", field);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("error", error);
        data.put("rejected", true);
        outbox.append(new EventDraft(
                kind,
                "rejected-" + rejectionIds.get(),
                owner,
                externalId,
                null,
                EventType.FAILED,
                clock.instant(),
                data));
    }

    private static AuditLog.Outcome outcome(ErrorCode code) {
        return switch (code.category()) {
            case AUTH -> AuditLog.Outcome.DENIED;
            case USER, RESOURCES, ENGINE, INTERNAL -> AuditLog.Outcome.ALLOWED;
        };
    }
}
