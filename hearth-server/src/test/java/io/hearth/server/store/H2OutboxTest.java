package io.hearth.server.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2OutboxTest extends OutboxContractTest {
    H2OutboxTest(@TempDir Path dataDir) {
        super(() -> StoreConfig.defaults(dataDir));
    }
}
