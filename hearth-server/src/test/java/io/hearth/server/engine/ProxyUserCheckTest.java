package io.hearth.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyUserCheckTest {
    @TempDir
    Path conf;

    private void coreSite(String properties) throws Exception {
        Files.writeString(conf.resolve("core-site.xml"), """
                <?xml version="1.0"?>
                <configuration>
                  <property><name>fs.defaultFS</name><value>hdfs://nn:8020</value></property>
                %s</configuration>
                """.formatted(properties));
    }

    private static String property(String name, String value) {
        return "  <property>\n    <name>" + name + "</name>\n    <value>" + value + "</value>\n  </property>\n";
    }

    @Test
    void saysNothingWhenCoreSiteLetsTheGatewayUserImpersonate() throws Exception {
        coreSite(property("hadoop.proxyuser.hearth.hosts", "*") + property("hadoop.proxyuser.hearth.groups", "*"));

        assertThat(ProxyUserCheck.problems("hearth", Optional.of(conf), Map.of()))
                .isEmpty();
    }

    @Test
    void namesTheExactKeysMissingForTheGatewayUser() throws Exception {
        coreSite(property("hadoop.proxyuser.someone-else.hosts", "*")
                + property("hadoop.proxyuser.someone-else.groups", "*"));

        List<String> problems = ProxyUserCheck.problems("hearth", Optional.of(conf), Map.of());

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith("hadoop.proxyuser.hearth.hosts is not set");
        assertThat(problems.get(1)).startsWith("hadoop.proxyuser.hearth.groups (or hadoop.proxyuser.hearth.users)");
        assertThat(problems.get(0)).contains(conf.resolve("core-site.xml").toString());
    }

    @Test
    void acceptsUsersInsteadOfGroupsAndTheEnginesSparkHadoopConf() throws Exception {
        coreSite(property("hadoop.proxyuser.hearth.users", "alice,bob"));

        assertThat(ProxyUserCheck.problems(
                        "hearth", Optional.of(conf), Map.of("spark.hadoop.hadoop.proxyuser.hearth.hosts", "gw1")))
                .isEmpty();
        assertThat(ProxyUserCheck.problems(
                        "hearth",
                        Optional.empty(),
                        Map.of(
                                "spark.hadoop.hadoop.proxyuser.hearth.hosts", "*",
                                "spark.hadoop.hadoop.proxyuser.hearth.groups", "*")))
                .as("no Hadoop folder, but the engines' conf has both")
                .isEmpty();
    }

    @Test
    void blankValuesCountAsMissingAndNoConfigurationIsSaid() throws Exception {
        coreSite(property("hadoop.proxyuser.hearth.hosts", " ") + property("hadoop.proxyuser.hearth.groups", "*"));

        assertThat(ProxyUserCheck.problems("hearth", Optional.of(conf), Map.of()))
                .singleElement()
                .asString()
                .startsWith("hadoop.proxyuser.hearth.hosts is not set");
        assertThat(ProxyUserCheck.problems("hearth", Optional.empty(), Map.of()))
                .hasSize(2)
                .allSatisfy(problem -> assertThat(problem).contains("no Hadoop configuration folder"));
    }

    @Test
    void anUnreadableOrHostileCoreSiteIsReportedNotFollowed() throws Exception {
        Files.writeString(conf.resolve("core-site.xml"), """
                <?xml version="1.0"?>
                <!DOCTYPE configuration [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <configuration><property><name>a</name><value>&x;</value></property></configuration>
                """);

        assertThat(ProxyUserCheck.problems("hearth", Optional.of(conf), Map.of()))
                .singleElement()
                .asString()
                .startsWith("cannot read " + conf.resolve("core-site.xml"))
                .contains("hadoop.proxyuser.hearth.hosts", "hadoop.proxyuser.hearth.groups");
        assertThat(ProxyUserCheck.problems("hearth", Optional.of(conf.resolve("missing")), Map.of()))
                .singleElement()
                .asString()
                .startsWith("cannot read");
    }

    @Test
    void theGatewaysHadoopUserIsHadoopUserNameWhenSet() {
        assertThat(ProxyUserCheck.gatewayUser(Map.of("HADOOP_USER_NAME", "hearth"), "root"))
                .isEqualTo("hearth");
        assertThat(ProxyUserCheck.gatewayUser(Map.of(), "root")).isEqualTo("root");
    }
}
