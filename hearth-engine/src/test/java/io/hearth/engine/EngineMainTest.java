package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hearth.protocol.v1.RegisterEngineRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class EngineMainTest {
    private static final String SECRET = "one-time-secret";

    @Test
    void reportsAStartFailureToTheGatewayAndExitsWithOne() throws Exception {
        try (TestingGateway gateway = new TestingGateway(new EngineSecret(SECRET))) {
            int status = EngineMain.run(
                    List.of("--engine-id", "e-7", "--gateway", "127.0.0.1:" + gateway.port()),
                    Map.of(EngineSecret.ENVIRONMENT_VARIABLE, SECRET),
                    () -> {
                        throw new IllegalStateException("Could not parse Master URL");
                    },
                    Clock.systemUTC());

            assertThat(status).isEqualTo(1);
            assertThat(gateway.failures()).singleElement().satisfies(report -> {
                assertThat(report.getEngineId()).isEqualTo("e-7");
                assertThat(report.getMessage())
                        .isEqualTo("java.lang.IllegalStateException: Could not parse Master URL");
            });
            assertThat(gateway.registrations()).isEmpty();
        }
    }

    @Test
    void exitsWithTwoOnBadArgumentsOrMissingSecret() throws Exception {
        assertThat(EngineMain.run(
                        List.of("--engine-id", "e"),
                        Map.of(EngineSecret.ENVIRONMENT_VARIABLE, SECRET),
                        unused(),
                        Clock.systemUTC()))
                .isEqualTo(2);
        assertThat(EngineMain.run(
                        List.of("--engine-id", "e", "--gateway", "127.0.0.1:1"), Map.of(), unused(), Clock.systemUTC()))
                .isEqualTo(2);
    }

    @Test
    void registersWithTheSecretAndFailsFastWhenRefused() throws Exception {
        RegisterEngineRequest registration = RegisterEngineRequest.newBuilder()
                .setEngineId("e-1")
                .setHost("127.0.0.1")
                .setPort(1234)
                .build();
        try (TestingGateway gateway = new TestingGateway(new EngineSecret(SECRET))) {
            try (GatewayClient client =
                    new GatewayClient("127.0.0.1", gateway.port(), new EngineSecret(SECRET), Clock.systemUTC())) {
                client.register(registration, Duration.ofSeconds(5));
            }
            assertThat(gateway.registrations()).containsExactly(registration);

            try (GatewayClient impostor =
                    new GatewayClient("127.0.0.1", gateway.port(), new EngineSecret("wrong"), Clock.systemUTC())) {
                assertThatThrownBy(() -> impostor.register(registration, Duration.ofSeconds(60)))
                        .isInstanceOfSatisfying(
                                StatusRuntimeException.class,
                                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
            }
            assertThat(gateway.registrations()).hasSize(1);
        }
    }

    private static java.util.function.Supplier<SparkSession> unused() {
        return () -> {
            throw new AssertionError("no session should be built");
        };
    }
}
