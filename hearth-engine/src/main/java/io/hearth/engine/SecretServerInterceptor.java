package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/** Refuses, with UNAUTHENTICATED, every call that does not carry the engine's secret. */
final class SecretServerInterceptor implements ServerInterceptor {
    private final EngineSecret secret;

    SecretServerInterceptor(EngineSecret secret) {
        this.secret = requireNonNull(secret, "secret is null");
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
            ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
        if (!secret.matches(headers.get(EngineSecret.HEADER))) {
            call.close(Status.UNAUTHENTICATED.withDescription("missing or wrong engine secret"), new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
    }
}
