package io.hearth.server.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Whether the gateway's own user looks allowed to impersonate, as far as the gateway can tell
 * without Hadoop on its class path: Hadoop lets a user act for others only when {@code
 * hadoop.proxyuser.<user>.hosts} and {@code hadoop.proxyuser.<user>.groups} (or {@code .users}) are
 * set on the NameNode (and ResourceManager). The gateway reads the client's copy of that
 * configuration ({@code core-site.xml} in the Hadoop configuration folder) and the engines' {@code
 * spark.hadoop.hadoop.proxyuser.*} conf, and names the keys it finds missing. The servers' own
 * configuration decides; this only catches the common mistake early, at start-up rather than at
 * a user's first statement.
 */
final class ProxyUserCheck {
    private static final String SPARK_HADOOP = "spark.hadoop.";

    private ProxyUserCheck() {}

    /**
     * The Hadoop user engines are launched as, before any {@code --proxy-user}: Hadoop's simple
     * authentication takes {@code HADOOP_USER_NAME} (environment, then system property) over the
     * operating-system user, and the engines inherit the gateway's environment.
     */
    static String gatewayUser(Map<String, String> environment, String osUser) {
        String named = environment.get("HADOOP_USER_NAME");
        if (named == null || named.isBlank()) {
            named = System.getProperty("HADOOP_USER_NAME");
        }
        return named == null || named.isBlank() ? osUser : named.trim();
    }

    /**
     * What is missing for {@code gatewayUser} to impersonate, one sentence each naming the keys to
     * set; empty when both keys are present.
     */
    static List<String> problems(
            String gatewayUser, Optional<Path> hadoopConfDirectory, Map<String, String> sparkConf) {
        Map<String, String> settings = new LinkedHashMap<>();
        String source;
        if (hadoopConfDirectory.isPresent()) {
            Path coreSite = hadoopConfDirectory.get().resolve("core-site.xml");
            source = coreSite.toString();
            try {
                settings.putAll(readHadoopXml(coreSite));
            } catch (IOException e) {
                return List.of("cannot read " + coreSite + " to check that user " + gatewayUser
                        + " may impersonate (" + e.getMessage() + "); the NameNode needs "
                        + hostsKey(gatewayUser) + " and " + groupsKey(gatewayUser));
            }
        } else {
            source = "no Hadoop configuration folder (HADOOP_CONF_DIR or impersonation.hadoop-conf-dir)";
        }
        sparkConf.forEach((key, value) -> {
            if (key.startsWith(SPARK_HADOOP)) {
                settings.put(key.substring(SPARK_HADOOP.length()), value);
            }
        });
        List<String> problems = new ArrayList<>();
        if (isBlank(settings.get(hostsKey(gatewayUser)))) {
            problems.add(hostsKey(gatewayUser) + " is not set (" + source + ", engine.conf.spark.hadoop.*): user "
                    + gatewayUser + " may impersonate from no host; set it (e.g. to this gateway's host or *) in"
                    + " core-site.xml of the NameNode and ResourceManager");
        }
        if (isBlank(settings.get(groupsKey(gatewayUser))) && isBlank(settings.get(usersKey(gatewayUser)))) {
            problems.add(groupsKey(gatewayUser) + " (or " + usersKey(gatewayUser) + ") is not set (" + source
                    + ", engine.conf.spark.hadoop.*): user " + gatewayUser + " may impersonate no one; set it to"
                    + " the groups (or users) Hearth's users belong to in core-site.xml of the NameNode and"
                    + " ResourceManager");
        }
        return problems;
    }

    static String hostsKey(String user) {
        return "hadoop.proxyuser." + user + ".hosts";
    }

    static String groupsKey(String user) {
        return "hadoop.proxyuser." + user + ".groups";
    }

    static String usersKey(String user) {
        return "hadoop.proxyuser." + user + ".users";
    }

    /** The name/value properties of a Hadoop configuration file ({@code <configuration><property>}). */
    static Map<String, String> readHadoopXml(Path file) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // a configuration file is data: no DTDs, no external entities
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setExpandEntityReferences(false);
            Document document = factory.newDocumentBuilder().parse(in);
            NodeList entries = document.getElementsByTagName("property");
            for (int i = 0; i < entries.getLength(); i++) {
                Element property = (Element) entries.item(i);
                String name = text(property, "name");
                if (name != null) {
                    properties.put(name, text(property, "value") == null ? "" : text(property, "value"));
                }
            }
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not a Hadoop configuration file: " + e.getMessage(), e);
        }
        return properties;
    }

    private static String text(Element property, String tag) {
        NodeList nodes = property.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
