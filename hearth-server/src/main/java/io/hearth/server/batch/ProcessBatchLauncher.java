package io.hearth.server.batch;

import static java.util.Objects.requireNonNull;

import io.hearth.server.engine.EngineConfig;
import io.hearth.server.engine.ImpersonationConfig;
import io.hearth.server.engine.SparkApplication;
import io.hearth.server.engine.SparkSubmit;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts batches the way engines start ({@link SparkSubmit}): the same master, Spark home or
 * embedded Spark jars, and {@code engine.conf.*} as defaults under the batch's own conf; with
 * impersonation on, as the batch's owner ({@code --proxy-user}), like the owner's engines.
 */
public final class ProcessBatchLauncher implements BatchLauncher {
    private static final Logger log = LoggerFactory.getLogger(ProcessBatchLauncher.class);

    private final EngineConfig engine;
    private final ImpersonationConfig impersonation;
    private final SparkSubmit sparkSubmit;

    public ProcessBatchLauncher(EngineConfig engine, ImpersonationConfig impersonation) {
        this.engine = requireNonNull(engine, "engine is null");
        this.impersonation = requireNonNull(impersonation, "impersonation is null");
        this.sparkSubmit = new SparkSubmit(engine);
    }

    @Override
    public Process launch(BatchLaunch launch) throws IOException {
        List<String> command = command(launch);
        // not the whole command: a batch's args and conf may carry credentials
        log.info(
                "Launching batch {}: {} {} with {} argument(s)",
                launch.batchId(),
                command.get(0),
                launch.className(),
                launch.args().size());
        return sparkSubmit.start(command, launch.logFile(), Map.of());
    }

    List<String> command(BatchLaunch launch) throws IOException {
        Map<String, String> conf = new HashMap<>(engine.sparkConf());
        conf.putAll(launch.conf());
        // embedded, the driver runs inside the SparkSubmit JVM: its heap is set on that JVM
        String driverMemory = conf.getOrDefault("spark.driver.memory", engine.driverMemory());
        return sparkSubmit.command(new SparkApplication(
                "hearth-batch-" + launch.batchId(),
                launch.className(),
                launch.jar().toAbsolutePath(),
                launch.args(),
                conf,
                driverMemory,
                List.of(),
                impersonation.enabled() ? Optional.of(launch.owner()) : Optional.empty()));
    }
}
