package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hearth.protocol.v1.RegisterEngineRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the engine again when the gateway went silent: a restarted gateway finds its engines
 * this way (same engine id and secret; it knows them from its store). Retries with backoff; a
 * gateway that refuses the engine (it does not know it, or gave up on it) gets it stopped, since
 * nothing would ever use it again.
 */
final class GatewayReconnector {
    private static final Logger log = LoggerFactory.getLogger(GatewayReconnector.class);

    private final GatewayClient gateway;
    private final RegisterEngineRequest registration;
    private final Duration patience;
    private final Runnable onRegistered;
    private final Runnable onRefused;
    private final AtomicBoolean registering = new AtomicBoolean();

    /**
     * @param patience how long one attempt keeps retrying an unreachable gateway
     * @param onRegistered the gateway took the registration (counts as contact)
     * @param onRefused the gateway does not want this engine: stop it
     */
    GatewayReconnector(
            GatewayClient gateway,
            RegisterEngineRequest registration,
            Duration patience,
            Runnable onRegistered,
            Runnable onRefused) {
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.registration = requireNonNull(registration, "registration is null");
        this.patience = requireNonNull(patience, "patience is null");
        this.onRegistered = requireNonNull(onRegistered, "onRegistered is null");
        this.onRefused = requireNonNull(onRefused, "onRefused is null");
    }

    /** Starts registering again on a thread of its own, unless an attempt is under way. */
    void reregister() {
        if (!registering.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(this::attempt, "hearth-gateway-reconnector");
        thread.setDaemon(true);
        thread.start();
    }

    private void attempt() {
        try {
            log.info("No ping from the gateway for a while: registering again with it");
            gateway.register(registration, patience);
            log.info("Registered again with the gateway");
            onRegistered.run();
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            if (code == Status.Code.UNAUTHENTICATED || code == Status.Code.FAILED_PRECONDITION) {
                log.warn("The gateway refused this engine ({}): shutting down", e.getStatus());
                onRefused.run();
            } else {
                log.info("Could not register again yet: {}", e.getStatus());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            registering.set(false);
        }
    }
}
