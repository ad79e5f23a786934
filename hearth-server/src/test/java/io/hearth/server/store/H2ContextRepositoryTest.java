package io.hearth.server.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2ContextRepositoryTest extends ContextRepositoryContractTest {
    H2ContextRepositoryTest(@TempDir Path dataDir) {
        super(() -> StoreConfig.defaults(dataDir));
    }
}
