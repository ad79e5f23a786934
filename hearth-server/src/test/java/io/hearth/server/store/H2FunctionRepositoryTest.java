package io.hearth.server.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2FunctionRepositoryTest extends FunctionRepositoryContractTest {
    H2FunctionRepositoryTest(@TempDir Path dataDir) {
        super(() -> StoreConfig.defaults(dataDir));
    }
}
