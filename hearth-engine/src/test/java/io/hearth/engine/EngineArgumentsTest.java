package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineArgumentsTest {
    @Test
    void parsesTheGatewayContractWithTheDefaultOrphanTimeout() {
        EngineArguments arguments = EngineArguments.parse(List.of("--engine-id", "e-1", "--gateway", "127.0.0.1:4040"));

        assertThat(arguments).isEqualTo(new EngineArguments("e-1", "127.0.0.1", 4040, Duration.ofSeconds(120)));
    }

    @Test
    void parsesAnOrphanTimeout() {
        EngineArguments arguments = EngineArguments.parse(
                List.of("--orphan-timeout", "7", "--engine-id", "e-1", "--gateway", "localhost:1"));

        assertThat(arguments.orphanTimeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void parsesStandbyAsAFlagAnywhere() {
        assertThat(EngineArguments.parse(List.of("--engine-id", "e-1", "--gateway", "h:1"))
                        .standby())
                .isFalse();
        assertThat(EngineArguments.parse(List.of("--standby", "--engine-id", "e-1", "--gateway", "h:1")))
                .isEqualTo(new EngineArguments("e-1", "h", 1, Duration.ofSeconds(120), true));
        assertThat(EngineArguments.parse(List.of("--engine-id", "e-1", "--gateway", "h:1", "--standby"))
                        .standby())
                .isTrue();
    }

    @Test
    void rejectsBadArgumentsNamingTheProblem() {
        assertThatThrownBy(() -> EngineArguments.parse(List.of("--gateway", "h:1")))
                .hasMessageContaining("--engine-id");
        assertThatThrownBy(() -> EngineArguments.parse(List.of("--engine-id", "e")))
                .hasMessageContaining("--gateway");
        assertThatThrownBy(() -> EngineArguments.parse(List.of("--engine-id", "e", "--gateway", "nohost")))
                .hasMessageContaining("host:port");
        assertThatThrownBy(() -> EngineArguments.parse(List.of("--engine-id", "e", "--gateway", "h:99999")))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> EngineArguments.parse(List.of("--engine-id", "e", "--gateway", "h:1", "--x", "y")))
                .hasMessageContaining("unknown argument --x");
        assertThatThrownBy(() -> EngineArguments.parse(List.of("--engine-id"))).hasMessageContaining("missing value");
        assertThatThrownBy(() ->
                        EngineArguments.parse(List.of("--engine-id", "e", "--gateway", "h:1", "--orphan-timeout", "0")))
                .hasMessageContaining("positive");
    }
}
