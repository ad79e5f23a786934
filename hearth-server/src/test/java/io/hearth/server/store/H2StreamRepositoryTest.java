package io.hearth.server.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2StreamRepositoryTest extends StreamRepositoryContractTest {
    H2StreamRepositoryTest(@TempDir Path dataDir) {
        super(() -> StoreConfig.defaults(dataDir));
    }
}
