package io.hearth.engine;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.hearth.protocol.v1.EngineFailureReport;
import io.hearth.protocol.v1.EngineFailureResponse;
import io.hearth.protocol.v1.GatewayServiceGrpc;
import io.hearth.protocol.v1.RegisterEngineRequest;
import io.hearth.protocol.v1.RegisterEngineResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A gateway that records what engines tell it; it checks the secret like the real one. */
final class TestingGateway extends GatewayServiceGrpc.GatewayServiceImplBase implements AutoCloseable {
    private final List<RegisterEngineRequest> registrations = new CopyOnWriteArrayList<>();
    private final List<EngineFailureReport> failures = new CopyOnWriteArrayList<>();
    private final Server server;

    TestingGateway(EngineSecret secret) throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(this, new SecretServerInterceptor(secret)))
                .build()
                .start();
    }

    int port() {
        return server.getPort();
    }

    List<RegisterEngineRequest> registrations() {
        return List.copyOf(registrations);
    }

    List<EngineFailureReport> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void registerEngine(RegisterEngineRequest request, StreamObserver<RegisterEngineResponse> response) {
        registrations.add(request);
        response.onNext(RegisterEngineResponse.getDefaultInstance());
        response.onCompleted();
    }

    @Override
    public void reportEngineFailure(EngineFailureReport request, StreamObserver<EngineFailureResponse> response) {
        failures.add(request);
        response.onNext(EngineFailureResponse.getDefaultInstance());
        response.onCompleted();
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
