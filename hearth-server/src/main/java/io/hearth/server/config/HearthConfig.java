package io.hearth.server.config;

import static java.util.Objects.requireNonNull;

import io.hearth.server.artifact.ArtifactConfig;
import io.hearth.server.auth.AuthConfig;
import io.hearth.server.auth.JwtConfig;
import io.hearth.server.auth.LdapConfig;
import io.hearth.server.auth.TokenConfig;
import io.hearth.server.batch.BatchConfig;
import io.hearth.server.engine.EngineConfig;
import io.hearth.server.engine.EngineRecoveryConfig;
import io.hearth.server.engine.ImpersonationConfig;
import io.hearth.server.engine.PoolConfig;
import io.hearth.server.event.EventsConfig;
import io.hearth.server.event.webhook.WebhookConfig;
import io.hearth.server.flightsql.FlightSqlConfig;
import io.hearth.server.hs2.Hs2Config;
import io.hearth.server.http.HttpConfig;
import io.hearth.server.messaging.MessagingConfig;
import io.hearth.server.quota.QuotaConfig;
import io.hearth.server.result.ResultConfig;
import io.hearth.server.session.SessionConfig;
import io.hearth.server.statement.SinkConfig;
import io.hearth.server.statement.StatementConfig;
import io.hearth.server.store.StoreConfig;
import io.hearth.server.stream.StreamConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything the gateway is configured with, one validated record per feature.
 *
 * @param dataDirectory where the embedded database, results and engine logs live ({@code
 *     data-dir})
 * @param auth how callers prove who they are ({@code auth.*})
 * @param ldap the LDAP method's settings ({@code auth.ldap.*}), when any is set
 * @param jwt the JWT method's settings ({@code auth.jwt.*}), when any is set
 * @param impersonation whether engines run as their users ({@code impersonation.*})
 * @param hs2 the HiveServer2 (JDBC/ODBC) front door ({@code hs2.*})
 * @param flightSql the Arrow Flight SQL front door ({@code flight-sql.*})
 * @param streams long-running Structured Streaming queries ({@code streams.*})
 * @param webhooks how events are POSTed to callback URLs ({@code webhooks.*})
 * @param sinks the JDBC databases statements may write their results to ({@code sinks.jdbc.*})
 * @param events how lifecycle events are written, kept and published ({@code events.*})
 * @param messaging events to MQTT and Kafka, requests from them ({@code messaging.*})
 */
public record HearthConfig(
        Path dataDirectory,
        AuthConfig auth,
        HttpConfig http,
        StoreConfig store,
        ResultConfig result,
        EngineConfig engine,
        PoolConfig pool,
        StatementConfig statement,
        SessionConfig session,
        ArtifactConfig artifact,
        BatchConfig batch,
        EngineRecoveryConfig engineRecovery,
        TokenConfig tokens,
        Optional<LdapConfig> ldap,
        Optional<JwtConfig> jwt,
        ImpersonationConfig impersonation,

        QuotaConfig quota,
        Hs2Config hs2,
        FlightSqlConfig flightSql,
        StreamConfig streams,
        WebhookConfig webhooks,
        SinkConfig sinks,
        EventsConfig events,
        MessagingConfig messaging) {

    public HearthConfig {
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(auth, "auth is null");
        requireNonNull(http, "http is null");
        requireNonNull(store, "store is null");
        requireNonNull(result, "result is null");
        requireNonNull(engine, "engine is null");
        requireNonNull(pool, "pool is null");
        requireNonNull(engineRecovery, "engineRecovery is null");
        requireNonNull(statement, "statement is null");
        requireNonNull(artifact, "artifact is null");
        requireNonNull(batch, "batch is null");
        requireNonNull(session, "session is null");
        requireNonNull(tokens, "tokens is null");
        requireNonNull(ldap, "ldap is null");
        requireNonNull(jwt, "jwt is null");
        requireNonNull(impersonation, "impersonation is null");
        requireNonNull(quota, "quota is null");
        requireNonNull(hs2, "hs2 is null");
        requireNonNull(flightSql, "flightSql is null");
        requireNonNull(streams, "streams is null");
        requireNonNull(webhooks, "webhooks is null");
        requireNonNull(sinks, "sinks is null");
        requireNonNull(events, "events is null");
        requireNonNull(messaging, "messaging is null");
    }

    /** Who every request acts as in development mode (no {@code auth.methods}). */
    public String defaultUser() {
        return auth.defaultUser();
    }
}
