package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The gateway never loads Spark (ARCHITECTURE decision 1): Spark is not even on its classpath. */
class GatewayClasspathTest {
    @Test
    void sparkIsNotOnTheGatewaysClasspath() {
        assertThatThrownBy(() -> Class.forName("org.apache.spark.SparkContext"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("scala.Option")).isInstanceOf(ClassNotFoundException.class);
    }
}
