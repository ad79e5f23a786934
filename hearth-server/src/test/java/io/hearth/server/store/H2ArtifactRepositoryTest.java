package io.hearth.server.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2ArtifactRepositoryTest extends ArtifactRepositoryContractTest {
    H2ArtifactRepositoryTest(@TempDir Path dataDir) {
        super(() -> StoreConfig.defaults(dataDir));
    }
}
