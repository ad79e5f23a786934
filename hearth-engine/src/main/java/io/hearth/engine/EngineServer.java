package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** The engine's gRPC server: loopback, a free port, every call checked for the secret. */
final class EngineServer implements AutoCloseable {
    private final Server server;

    private EngineServer(Server server) {
        this.server = requireNonNull(server, "server is null");
    }

    static EngineServer start(String host, BindableService service, EngineSecret secret) throws IOException {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, 0))
                // the service methods only hand work to statement threads and never block: running
                // them on the transport thread saves a thread hop on every call
                .directExecutor()
                .addService(ServerInterceptors.intercept(service, new SecretServerInterceptor(secret)))
                .build()
                .start();
        return new EngineServer(server);
    }

    int port() {
        return server.getPort();
    }

    /** Lets calls in flight (such as a Shutdown answer) finish, then forces. */
    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
