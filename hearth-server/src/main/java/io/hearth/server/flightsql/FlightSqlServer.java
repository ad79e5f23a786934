package io.hearth.server.flightsql;

import static java.util.Objects.requireNonNull;

import io.grpc.netty.NettyServerBuilder;
import io.hearth.server.auth.Authenticator;
import io.hearth.server.result.ResultMetrics;
import io.hearth.server.statement.StatementService;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Arrow Flight SQL front door: a gRPC server on {@code flight-sql.host:flight-sql.port} that
 * authenticates through the gateway's authentication chain and runs SQL through the statement
 * service. Owns its server and its Arrow memory; closing it stops both.
 */
public final class FlightSqlServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FlightSqlServer.class);

    private final BufferAllocator allocator;
    private final FlightServer server;
    private final HearthFlightSqlProducer producer;

    private FlightSqlServer(BufferAllocator allocator, FlightServer server, HearthFlightSqlProducer producer) {
        this.allocator = allocator;
        this.server = server;
        this.producer = producer;
    }

    /** Starts listening; the caller closes it. */
    public static FlightSqlServer start(
            FlightSqlConfig config,
            Authenticator authenticator,
            StatementService statements,
            ResultMetrics resultMetrics,
            String version)
            throws IOException {
        requireNonNull(config, "config is null");
        BufferAllocator allocator = new RootAllocator();
        try {
            FlightAuthentication authentication = new FlightAuthentication(authenticator);
            HearthFlightSqlProducer producer = new HearthFlightSqlProducer(
                    statements, authentication, allocator, sqlInfo(version), config.endpointPerChunk(), resultMetrics);
            Consumer<NettyServerBuilder> grpc =
                    builder -> builder.intercept(FlightAuthentication.remoteAddressInterceptor());
            FlightServer server = FlightServer.builder(
                            allocator, Location.forGrpcInsecure(config.host(), config.port()), producer)
                    .headerAuthenticator(authentication)
                    .transportHint("grpc.builderConsumer", grpc)
                    .build();
            server.start();
            log.info("Arrow Flight SQL listens on {}:{}", config.host(), server.getPort());
            return new FlightSqlServer(allocator, server, producer);
        } catch (IOException | RuntimeException e) {
            allocator.close();
            throw e;
        }
    }

    /** The port it listens on (the chosen one when configured with 0). */
    public int port() {
        return server.getPort();
    }

    private static SqlInfoBuilder sqlInfo(String version) {
        return new SqlInfoBuilder()
                .withFlightSqlServerName("Hearth")
                .withFlightSqlServerVersion(version)
                .withFlightSqlServerArrowVersion(
                        Schema.class.getPackage().getImplementationVersion() == null
                                ? "unknown"
                                : Schema.class.getPackage().getImplementationVersion())
                .withFlightSqlServerReadOnly(false)
                .withFlightSqlServerSql(true)
                .withFlightSqlServerSubstrait(false)
                .withFlightSqlServerTransaction(
                        org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedTransaction
                                .SQL_SUPPORTED_TRANSACTION_NONE)
                .withFlightSqlServerCancel(false)
                .withSqlIdentifierQuoteChar("`")
                .withSqlIdentifierCase(
                        org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedCaseSensitivity
                                .SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
                .withSqlQuotedIdentifierCase(
                        org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedCaseSensitivity
                                .SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
                .withSqlDdlCatalog(true)
                .withSqlDdlSchema(true)
                .withSqlDdlTable(true)
                .withSqlSupportedGrammar(
                        org.apache.arrow.flight.sql.impl.FlightSql.SupportedSqlGrammar.SQL_CORE_GRAMMAR)
                .withSqlAllTablesAreSelectable(true);
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Arrow Flight SQL calls still running after 10 s; stopping them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            server.close();
            producer.close();
        } catch (Exception e) {
            log.warn("Stopping Arrow Flight SQL failed: {}", e.toString());
        }
        allocator.close();
    }
}
