package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.hearth.protocol.v1.ResultBatch;
import io.hearth.protocol.v1.StatementEvent;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.analysis.SimpleAnalyzer;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.execution.SparkSqlParser;
import org.apache.spark.sql.execution.arrow.ArrowConverters$;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The warm-up a standby engine does before it has a SparkContext: load and exercise what a first
 * statement needs and no SparkContext is needed for (Spark's conf, Hadoop's identity, the SQL parser
 * and analyzer, expression code generation with Janino, Spark's Arrow writer, protobuf, Jackson),
 * and load the classes a SparkContext start-up uses. Class loading and the first compilations are
 * most of a JVM's cold start; every step is best effort.
 */
final class StandbyWarmUp {
    private static final Logger log = LoggerFactory.getLogger(StandbyWarmUp.class);
    private static final int ROUNDS = 5;
    private static final List<String> QUERIES = List.of(
            "select id, id * 2 as x, cast(id as string) as s from range(1000)",
            "select 1",
            "select count(*), sum(id), max(id) from range(100) where id % 3 = 0 group by id % 5 order by 1",
            "select a.id, b.id from range(10) a join range(10) b on a.id = b.id",
            "select current_timestamp(), upper('x'), concat('a', 'b'), array(1, 2), map('k', 1)");
    /** What a SparkContext and the first query load: loading them now saves that time at bind. */
    private static final List<String> CLASSES = List.of(
            "org.apache.spark.SparkContext",
            "org.apache.spark.SparkEnv",
            "org.apache.spark.rpc.netty.NettyRpcEnv",
            "org.apache.spark.network.TransportContext",
            "org.apache.spark.network.server.TransportServer",
            "org.apache.spark.storage.BlockManager",
            "org.apache.spark.storage.BlockManagerMasterEndpoint",
            "org.apache.spark.memory.UnifiedMemoryManager",
            "org.apache.spark.scheduler.DAGScheduler",
            "org.apache.spark.scheduler.TaskSchedulerImpl",
            "org.apache.spark.scheduler.TaskSetManager",
            "org.apache.spark.scheduler.local.LocalSchedulerBackend",
            "org.apache.spark.scheduler.LiveListenerBus",
            "org.apache.spark.executor.Executor",
            "org.apache.spark.metrics.MetricsSystem",
            "org.apache.spark.ui.SparkUI",
            "org.apache.spark.status.AppStatusStore",
            "org.apache.spark.status.AppStatusListener",
            "org.apache.spark.util.ClosureCleaner",
            "org.apache.spark.serializer.JavaSerializer",
            "org.apache.spark.serializer.KryoSerializer",
            "org.apache.spark.sql.classic.SparkSession",
            "org.apache.spark.sql.classic.Dataset",
            "org.apache.spark.sql.internal.SessionState",
            "org.apache.spark.sql.internal.SharedState",
            "org.apache.spark.sql.internal.BaseSessionStateBuilder",
            "org.apache.spark.sql.execution.QueryExecution",
            "org.apache.spark.sql.execution.SparkOptimizer",
            "org.apache.spark.sql.execution.SparkPlanner",
            "org.apache.spark.sql.execution.WholeStageCodegenExec",
            "org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec",
            "org.apache.spark.sql.execution.SQLExecution",
            "org.apache.spark.sql.execution.ui.SQLAppStatusListener",
            "org.apache.spark.sql.catalyst.optimizer.Optimizer",
            "org.apache.spark.sql.catalyst.catalog.SessionCatalog",
            "org.sparkproject.jetty.server.Server",
            "org.sparkproject.jetty.servlet.ServletContextHandler",
            "io.netty.buffer.PooledByteBufAllocator",
            "io.netty.channel.nio.NioEventLoopGroup",
            "org.codehaus.janino.SimpleCompiler");

    private static final List<String> PRELOADED_JARS =
            List.of("spark-core_", "spark-sql_", "spark-catalyst_", "spark-network-common_", "spark-unsafe_");

    private final String engineId;
    private final BufferAllocator allocator;

    StandbyWarmUp(String engineId, BufferAllocator allocator) {
        this.engineId = requireNonNull(engineId, "engineId is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    void run() {
        long started = System.nanoTime();
        step("Spark conf and Hadoop identity", this::confAndIdentity);
        step("classes a SparkContext loads", this::loadClasses);
        step("Spark's classes", this::preloadSparkClasses);
        step("SQL parsing, analysis, code generation and Arrow", this::sqlPath);
        step("JSON", this::json);
        log.info("Engine {} warmed up for standby in {} ms", engineId, (System.nanoTime() - started) / 1_000_000);
    }

    private void confAndIdentity() throws Exception {
        new SparkConf().getAll();
        UserGroupInformation.getCurrentUser();
        FileSystem.getLocal(new Configuration());
    }

    private void loadClasses() {
        ClassLoader loader = StandbyWarmUp.class.getClassLoader();
        int methods = 0;
        for (String name : CLASSES) {
            try {
                // loaded, not initialised (no static state is set up); the methods' signatures pull
                // in the classes they name
                methods += Class.forName(name, false, loader).getDeclaredMethods().length;
            } catch (ClassNotFoundException | LinkageError e) {
                log.debug("Standby warm-up could not load {}: {}", name, e.toString());
            }
        }
        log.debug("Standby warm-up loaded {} classes declaring {} methods", CLASSES.size(), methods);
    }

    /**
     * Loads (without initialising) every class of Spark's core, SQL and network jars: a SparkContext
     * start-up and a first query touch thousands of them, and which ones depends on the conf.
     * Costs metaspace (logged) on a JVM that waits anyway.
     */
    private void preloadSparkClasses() throws IOException {
        ClassLoader loader = StandbyWarmUp.class.getClassLoader();
        int loaded = 0;
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName() == null
                    ? ""
                    : Path.of(entry).getFileName().toString();
            if (!name.endsWith(".jar") || PRELOADED_JARS.stream().noneMatch(name::startsWith)) {
                continue;
            }
            try (JarFile jar = new JarFile(entry)) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    String path = entries.nextElement().getName();
                    if (!path.endsWith(".class") || path.startsWith("META-INF") || path.contains("module-info")) {
                        continue;
                    }
                    try {
                        Class.forName(
                                path.substring(0, path.length() - ".class".length())
                                        .replace('/', '.'),
                                false,
                                loader);
                        loaded++;
                    } catch (ClassNotFoundException | LinkageError e) {
                        // an optional dependency's class; nothing to warm
                    }
                }
            }
        }
        long metaspace = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getName().equals("Metaspace"))
                .mapToLong(pool -> pool.getUsage().getUsed())
                .sum();
        log.info("Standby warm-up loaded {} of Spark's classes; metaspace used {} MiB", loaded, metaspace >> 20);
    }

    /** A statement's way through Spark up to execution, without a SparkContext, a few rounds for the JIT. */
    private void sqlPath() throws Exception {
        SparkSqlParser parser = new SparkSqlParser();
        SparkArrowAdapter arrow = new SparkArrowAdapter();
        ArrowMessages messages = new ArrowMessages(allocator);
        for (int round = 0; round < ROUNDS; round++) {
            for (String sql : QUERIES) {
                LogicalPlan analyzed = SimpleAnalyzer.execute(parser.parsePlan(sql));
                if (analyzed instanceof Project project && sql.startsWith("select id, id * 2")) {
                    project(project, arrow, messages);
                }
            }
        }
    }

    private static void project(Project project, SparkArrowAdapter arrow, ArrowMessages messages) {
        @SuppressWarnings("unchecked")
        scala.collection.immutable.Seq<Expression> expressions =
                (scala.collection.immutable.Seq<Expression>) (scala.collection.immutable.Seq<?>) project.projectList();
        UnsafeProjection projection =
                UnsafeProjection.create(expressions, project.child().output());
        List<InternalRow> rows = new ArrayList<>();
        for (long id = 0; id < 1000; id++) {
            rows.add(projection.apply(new GenericInternalRow(new Object[] {id})).copy());
        }
        messages.serializeSchema(arrow.arrowSchema(project.schema(), "UTC"));
        Iterator<byte[]> batches = CollectionConverters.asJava(ArrowConverters$.MODULE$.toBatchIterator(
                CollectionConverters.asScala(rows.iterator()), project.schema(), 100, "UTC", false, false, null));
        while (batches.hasNext()) {
            byte[] batch = batches.next();
            StatementEvent.newBuilder()
                    .setBatch(ResultBatch.newBuilder()
                            .setArrowRecordBatch(ByteString.copyFrom(batch))
                            .setRowCount(messages.rowCount(batch)))
                    .build()
                    .toByteArray();
        }
    }

    private void json() throws Exception {
        ObjectMapper mapper = JobJson.newMapper();
        for (int round = 0; round < ROUNDS; round++) {
            mapper.readTree(mapper.writeValueAsString(Map.of("n", round, "words", List.of("a", "b"))));
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private void step(String name, Step step) {
        long started = System.nanoTime();
        try {
            step.run();
            log.info("Standby warm-up: {} in {} ms", name, (System.nanoTime() - started) / 1_000_000);
        } catch (Exception | LinkageError e) {
            log.warn("Standby warm-up: {} failed; binding will be slower: {}", name, e.toString());
        }
    }
}
