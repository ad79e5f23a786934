package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.hearth.protocol.v1.EngineFailureReport;
import io.hearth.protocol.v1.EngineFailureResponse;
import io.hearth.protocol.v1.GatewayServiceGrpc;
import io.hearth.protocol.v1.RegisterEngineRequest;
import io.hearth.protocol.v1.RegisterEngineResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's gRPC endpoint that engines call back: registration when ready, or the reason they
 * could not start. Listens on loopback; each call must carry the calling engine's secret.
 */
final class RegistrationServer implements AutoCloseable {
    private static final Context.Key<String> SECRET = Context.key("hearth-engine-secret");

    private final Server server;

    RegistrationServer(String host, int port, EnginePool pool) throws IOException {
        requireNonNull(pool, "pool is null");
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .addService(new GatewayService(pool))
                .intercept(new SecretToContext())
                .build()
                .start();
    }

    /** host:port engines are told to register at. */
    String address() {
        InetSocketAddress address =
                (InetSocketAddress) server.getListenSockets().get(0);
        return address.getHostString() + ":" + address.getPort();
    }

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

    private static final class SecretToContext implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            Context context = Context.current().withValue(SECRET, headers.get(EngineSecrets.HEADER));
            return Contexts.interceptCall(context, call, headers, next);
        }
    }

    private static final class GatewayService extends GatewayServiceGrpc.GatewayServiceImplBase {
        private final EnginePool pool;

        GatewayService(EnginePool pool) {
            this.pool = pool;
        }

        @Override
        public void registerEngine(RegisterEngineRequest request, StreamObserver<RegisterEngineResponse> response) {
            if (!pool.isSecretOf(request.getEngineId(), SECRET.get())) {
                response.onError(Status.UNAUTHENTICATED
                        .withDescription("unknown engine or wrong secret")
                        .asRuntimeException());
                return;
            }
            if (!pool.registered(request)) {
                response.onError(Status.FAILED_PRECONDITION
                        .withDescription("engine " + request.getEngineId() + " is no longer expected")
                        .asRuntimeException());
                return;
            }
            response.onNext(RegisterEngineResponse.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public void reportEngineFailure(EngineFailureReport request, StreamObserver<EngineFailureResponse> response) {
            if (!pool.isSecretOf(request.getEngineId(), SECRET.get())) {
                response.onError(Status.UNAUTHENTICATED
                        .withDescription("unknown engine or wrong secret")
                        .asRuntimeException());
                return;
            }
            pool.startupFailed(request.getEngineId(), request.getMessage());
            response.onNext(EngineFailureResponse.getDefaultInstance());
            response.onCompleted();
        }
    }
}
