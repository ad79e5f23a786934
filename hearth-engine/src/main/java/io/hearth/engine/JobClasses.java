package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.classmate.TypeResolver;
import io.hearth.api.spi.HearthJob;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads job classes from artifact jars, one class loader per jar content (by SHA-256), kept for the
 * engine's life so a job's classes load once.
 *
 * <p>The loaders are parent-first, with the jar as their only URL: the job and the engine must see
 * one {@code HearthJob}, {@code JobContext}, {@code SparkSession} and {@code Dataset} class each, or
 * nothing the engine hands a job fits; a jar that wrongly bundles Spark or hearth-api still works,
 * because the engine's copies win. The price is Spark's own default (without {@code
 * spark.driver.userClassPathFirst}): a job cannot bring another version of a library the engine
 * already has. Child-first with exceptions for Spark, Scala and "their common dependencies" would
 * need a list no one can keep right.
 */
final class JobClasses implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobClasses.class);
    private static final TypeResolver TYPES = new TypeResolver();

    private final ClassLoader parent;
    private final Consumer<String> addJarToSpark;
    private final Map<String, URLClassLoader> loaders = new ConcurrentHashMap<>();

    /**
     * @param parent the engine's class loader
     * @param addJarToSpark ships a jar to Spark's executors, so tasks can load the job's classes
     *     (lambdas, UDFs)
     */
    JobClasses(ClassLoader parent, Consumer<String> addJarToSpark) {
        this.parent = requireNonNull(parent, "parent is null");
        this.addJarToSpark = requireNonNull(addJarToSpark, "addJarToSpark is null");
    }

    /** Loads and checks a job class. */
    LoadedJob load(String artifactPath, String sha256, String className) throws InvalidJobException {
        if (className.isBlank()) {
            throw new InvalidJobException("class_name is empty");
        }
        ClassLoader loader = loaderFor(artifactPath, sha256);
        Class<?> loaded;
        try {
            loaded = Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw new InvalidJobException("class " + className + " was not found in the artifact");
        } catch (LinkageError e) {
            throw new InvalidJobException("class " + className + " could not be loaded: " + e);
        }
        return check(loaded, loader);
    }

    private static LoadedJob check(Class<?> loaded, ClassLoader loader) throws InvalidJobException {
        String name = loaded.getName();
        if (!HearthJob.class.isAssignableFrom(loaded)) {
            throw new InvalidJobException("class " + name + " does not implement " + HearthJob.class.getName());
        }
        if (loaded.isInterface() || Modifier.isAbstract(loaded.getModifiers())) {
            throw new InvalidJobException("class " + name + " is abstract; a job class must be concrete");
        }
        if (!Modifier.isPublic(loaded.getModifiers())
                || Arrays.stream(loaded.getConstructors())
                        .noneMatch(constructor -> constructor.getParameterCount() == 0)) {
            throw new InvalidJobException(
                    "class " + name + " needs to be public with a public no-argument constructor");
        }
        List<ResolvedType> arguments;
        try {
            arguments = TYPES.resolve(loaded).typeParametersFor(HearthJob.class);
        } catch (LinkageError | IllegalArgumentException e) {
            throw new InvalidJobException("the types of class " + name + " could not be resolved: " + e);
        }
        if (arguments == null || arguments.size() != 2 || arguments.get(0).getErasedType() == Record.class) {
            throw new InvalidJobException(
                    "class " + name
                            + " implements HearthJob without naming its parameter record; declare it as HearthJob<MyParameters, MyResult>");
        }
        Class<?> parameters = arguments.get(0).getErasedType();
        if (!parameters.isRecord()) {
            throw new InvalidJobException("the parameters of " + name + " (" + parameters.getName()
                    + ") are not a record; use a record, or NoParameters");
        }
        @SuppressWarnings("unchecked")
        Class<? extends HearthJob<?, ?>> jobClass = (Class<? extends HearthJob<?, ?>>) loaded;
        return new LoadedJob(
                jobClass, parameters.asSubclass(Record.class), arguments.get(1).toString(), loader);
    }

    private ClassLoader loaderFor(String artifactPath, String sha256) throws InvalidJobException {
        URLClassLoader cached = loaders.get(sha256);
        if (cached != null) {
            return cached;
        }
        synchronized (loaders) {
            cached = loaders.get(sha256);
            if (cached != null) {
                return cached;
            }
            URLClassLoader created = newLoader(Path.of(artifactPath), sha256);
            loaders.put(sha256, created);
            return created;
        }
    }

    private URLClassLoader newLoader(Path jar, String sha256) throws InvalidJobException {
        if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
            throw new InvalidJobException("the artifact's jar " + jar + " cannot be read on the engine");
        }
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            // a broken jar fails here, not at the first class a job lacks
            jarFile.getManifest();
        } catch (IOException e) {
            throw new InvalidJobException(
                    "the artifact " + jar.getFileName() + " is not a readable jar: " + e.getMessage());
        }
        String actual = sha256Of(jar);
        if (!actual.equalsIgnoreCase(sha256)) {
            throw new InvalidJobException("the artifact's jar changed: its SHA-256 is " + actual + ", not " + sha256);
        }
        URL url;
        try {
            url = jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new InvalidJobException("the artifact's path " + jar + " is not usable: " + e.getMessage());
        }
        addJarToSpark.accept(jar.toString());
        log.info("Loading job classes from {} (SHA-256 {})", jar, sha256);
        return new URLClassLoader(
                "hearth-job-" + sha256.substring(0, Math.min(12, sha256.length())), new URL[] {url}, parent);
    }

    private static String sha256Of(Path jar) throws InvalidJobException {
        try (DigestInputStream in =
                new DigestInputStream(Files.newInputStream(jar), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new InvalidJobException("the artifact's jar " + jar + " cannot be read: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (URLClassLoader loader : loaders.values()) {
            try {
                loader.close();
            } catch (IOException e) {
                log.warn("Closing a job class loader failed: {}", e.toString());
            }
        }
        loaders.clear();
    }
}
