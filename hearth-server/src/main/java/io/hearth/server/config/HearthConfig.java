package io.hearth.server.config;

import static java.util.Objects.requireNonNull;

import io.hearth.server.artifact.ArtifactConfig;
import io.hearth.server.batch.BatchConfig;
import io.hearth.server.engine.EngineConfig;
import io.hearth.server.engine.EngineRecoveryConfig;
import io.hearth.server.engine.PoolConfig;
import io.hearth.server.http.HttpConfig;
import io.hearth.server.quota.QuotaConfig;
import io.hearth.server.result.ResultConfig;
import io.hearth.server.session.SessionConfig;
import io.hearth.server.statement.StatementConfig;
import io.hearth.server.store.StoreConfig;
import java.nio.file.Path;

/**
 * Everything the gateway is configured with, one validated record per feature.
 *
 * @param dataDirectory where the embedded database, results and engine logs live ({@code
 *     data-dir})
 * @param defaultUser who every request acts as until authentication is configured ({@code
 *     auth.default-user})
 */
public record HearthConfig(
        Path dataDirectory,
        String defaultUser,
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
        QuotaConfig quota) {

    public HearthConfig {
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(defaultUser, "defaultUser is null");
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
        requireNonNull(quota, "quota is null");
    }
}
