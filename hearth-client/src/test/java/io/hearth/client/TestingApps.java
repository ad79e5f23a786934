package io.hearth.client;

import java.util.Map;

/** Tiny batch applications (class name to source), compiled by {@code TestJars.compile}. */
final class TestingApps {
    static final Map<String, String> SOURCES = Map.of("apps.Hello", """
            package apps;
            public class Hello {
                public static void main(String[] args) {
                    System.out.println("hello " + String.join(" ", args));
                }
            }
            """, "apps.Boom", """
            package apps;
            public class Boom {
                public static void main(String[] args) {
                    System.out.println("about to fail");
                    throw new IllegalStateException("the test batch failed on purpose");
                }
            }
            """, "apps.Sleeper", """
            package apps;
            public class Sleeper {
                public static void main(String[] args) throws Exception {
                    System.out.println("sleeping");
                    Thread.sleep(600_000);
                }
            }
            """);

    private TestingApps() {}
}
