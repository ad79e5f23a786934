package io.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.api.ErrorCode;
import io.hearth.api.engine.EngineInfo;
import io.hearth.server.TestingHearth;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnginesTest {
    @TempDir
    Path dataDirectory;

    @Test
    void listsFindsAndStopsEngines() throws IOException {
        try (TestingHearth hearth = TestingHearth.start(dataDirectory, Map.of());
                HearthClient client =
                        HearthClient.builder().server(hearth.uri("")).build()) {
            client.statements().execute("range(1)");

            List<EngineInfo> engines = client.engines().list();
            assertThat(engines).hasSize(1);
            String engineId = engines.get(0).engineId();
            assertThat(client.engines().find(engineId).state().isTerminal()).isFalse();
            assertThat(client.engines().log(engineId, 10)).isNotNull();

            EngineInfo stopped = client.engines().stop(engineId);

            assertThat(stopped.engineId()).isEqualTo(engineId);
            assertThatThrownBy(() -> client.engines().find("no-such-engine"))
                    .isInstanceOfSatisfying(HearthClientException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(e.getMessage()).isEqualTo("engine no-such-engine does not exist");
                    });
        }
    }
}
