package io.hearth.server.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2FunctionRepositoryTest extends FunctionRepositoryContractTest {
    @TempDir
    static Path dataDir;

    @Override
    protected StoreConfig storeConfig() {
        return StoreConfig.defaults(dataDir);
    }
}
