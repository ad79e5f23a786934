package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles job sources into a jar at test time, so the job classes are on no class path but the
 * jar's, as in an uploaded artifact.
 */
final class JobJars {
    private JobJars() {}

    /** Compiles {@code sources} (class name to source text) against the test class path into a jar. */
    static Path compile(Path directory, String jarName, Map<String, String> sources) throws IOException {
        Path sourceDirectory = Files.createDirectories(directory.resolve(jarName + "-src"));
        Path classDirectory = Files.createDirectories(directory.resolve(jarName + "-classes"));
        List<String> arguments = new ArrayList<>(List.of(
                "-d",
                classDirectory.toString(),
                "-classpath",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "-proc:none",
                "-nowarn"));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceDirectory.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
            arguments.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, null, errors, arguments.toArray(String[]::new));
        assertThat(status)
                .as("javac failed: %s", errors.toString(StandardCharsets.UTF_8))
                .isZero();
        Path jar = directory.resolve(jarName + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> classes = Files.walk(classDirectory)) {
            for (Path file : classes.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(
                        new JarEntry(classDirectory.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }
}
