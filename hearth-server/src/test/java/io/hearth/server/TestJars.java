package io.hearth.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Jars built by tests: from bytes, or compiled from Java sources on the fly. */
public final class TestJars {
    private TestJars() {}

    /** A jar holding these entries (name to text), with a manifest. */
    public static byte[] jar(Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest())) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Compiles the sources (class name to source text, in the unnamed package or with a package
     * declaration matching the name) and returns the jar of their classes.
     */
    public static Path compile(Path directory, Map<String, String> sources) throws IOException {
        Path sourceDirectory = directory.resolve("src");
        Path classDirectory = directory.resolve("classes");
        Files.createDirectories(classDirectory);
        List<String> arguments = new ArrayList<>(List.of("-d", classDirectory.toString(), "--release", "17"));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceDirectory.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, null, errors, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException(
                    "compiling test sources failed: " + errors.toString(StandardCharsets.UTF_8));
        }
        Path jarFile = directory.resolve("app.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(jarFile), manifest());
                Stream<Path> classes = Files.walk(classDirectory)) {
            for (Path file : (Iterable<Path>) classes.filter(Files::isRegularFile)::iterator) {
                jar.putNextEntry(
                        new JarEntry(classDirectory.relativize(file).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(file));
                jar.closeEntry();
            }
        }
        return jarFile;
    }

    private static Manifest manifest() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        return manifest;
    }
}
