package io.hearth.server.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2WebhookDeliveriesTest extends WebhookDeliveriesContractTest {
    H2WebhookDeliveriesTest(@TempDir Path dataDir) {
        super(() -> StoreConfig.defaults(dataDir));
    }
}
