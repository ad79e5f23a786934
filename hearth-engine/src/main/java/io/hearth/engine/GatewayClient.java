package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.hearth.protocol.v1.EngineFailureReport;
import io.hearth.protocol.v1.GatewayServiceGrpc;
import io.hearth.protocol.v1.RegisterEngineRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls the gateway: registration (retried while the gateway is unreachable) and failure reports. */
final class GatewayClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatewayClient.class);
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(10);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final ManagedChannel channel;
    private final GatewayServiceGrpc.GatewayServiceBlockingStub gateway;
    private final Clock clock;

    GatewayClient(String host, int port, EngineSecret secret, Clock clock) {
        requireNonNull(host, "host is null");
        requireNonNull(secret, "secret is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.channel = NettyChannelBuilder.forAddress(host, port)
                .usePlaintext()
                .intercept(secret.clientInterceptor())
                .build();
        this.gateway = GatewayServiceGrpc.newBlockingStub(channel);
    }

    /**
     * Registers the engine, retrying with exponential backoff while the gateway is unavailable.
     *
     * @throws StatusRuntimeException when the gateway refuses, or stays unreachable for {@code patience}
     */
    void register(RegisterEngineRequest request, Duration patience) throws InterruptedException {
        Instant giveUpAt = clock.instant().plus(patience);
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                gateway.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                        .registerEngine(request);
                return;
            } catch (StatusRuntimeException e) {
                Status.Code code = e.getStatus().getCode();
                boolean retryable = code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
                if (!retryable || clock.instant().plus(backoff).isAfter(giveUpAt)) {
                    throw e;
                }
                log.info("Gateway not reachable ({}), retrying registration in {} ms", code, backoff.toMillis());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** Best effort: the engine is about to exit anyway, so a failure here is only logged. */
    void reportFailure(String engineId, String message) {
        try {
            gateway.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .reportEngineFailure(EngineFailureReport.newBuilder()
                            .setEngineId(engineId)
                            .setMessage(message)
                            .build());
        } catch (StatusRuntimeException e) {
            log.warn("Could not report the failure to the gateway: {}", e.getStatus());
        }
    }

    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
