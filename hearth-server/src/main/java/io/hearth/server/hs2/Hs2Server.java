package io.hearth.server.hs2;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.server.auth.AuditLog;
import io.hearth.server.auth.AuthUnavailableException;
import io.hearth.server.auth.Authenticator;
import io.hearth.server.auth.Credentials;
import io.hearth.server.auth.Principal;
import io.hearth.server.result.ResultMetrics;
import io.hearth.server.session.SessionService;
import io.hearth.server.statement.StatementService;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.AuthenticationException;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.transport.TIOStreamTransport;
import org.apache.thrift.transport.TSaslServerTransport;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HiveServer2 front door: TCLIService over a binary TCP transport (SASL PLAIN, or NOSASL in
 * development mode only, told apart by the first byte a client sends) and over HTTP (HTTP Basic),
 * both authenticated by the gateway's authentication chain.
 */
public final class Hs2Server implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Hs2Server.class);
    static final String COOKIE = "hive.server2.auth";
    private static final Duration COOKIE_TTL = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The status byte a SASL negotiation opens with (START). */
    private static final int SASL_START = 0x01;

    private final Hs2Backend backend;
    private final Authenticator authenticator;
    private final boolean developmentMode;
    private final AuditLog audit;
    private final ServerSocket socket;
    private final ExecutorService workers;
    private final Thread acceptor;
    private final Server http;
    /** The binary connections open now, closed when the gateway stops. */
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();

    private volatile boolean closing;

    private Hs2Server(
            Hs2Backend backend,
            Authenticator authenticator,
            boolean developmentMode,
            AuditLog audit,
            ServerSocket socket,
            Server http) {
        this.backend = backend;
        this.authenticator = authenticator;
        this.developmentMode = developmentMode;
        this.audit = audit;
        this.socket = socket;
        this.http = http;
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(
                0, backend.config.maxWorkerThreads(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "hs2-connection-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.acceptor = new Thread(this::accept, "hs2-acceptor");
        acceptor.setDaemon(true);
    }

    /**
     * Starts listening on {@code hs2.port} (and {@code hs2.http.port} when the HTTP transport is on).
     *
     * @param developmentMode no authentication is configured: NOSASL connections are accepted, as
     *     the default user
     */
    public static Hs2Server start(
            Hs2Config config,
            Authenticator authenticator,
            boolean developmentMode,
            AuditLog audit,
            SessionService sessions,
            StatementService statements,
            Hs2Metadata metadata,
            ResultMetrics resultMetrics)
            throws IOException {
        requireNonNull(config, "config is null");
        requireNonNull(authenticator, "authenticator is null");
        PlainSaslServer.register();
        Hs2Backend backend = new Hs2Backend(sessions, statements, metadata, audit, config, resultMetrics);
        ServerSocket socket = new ServerSocket();
        Server http = null;
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(config.host()), config.port()), 100);
            Hs2Server server;
            if (config.httpEnabled()) {
                http = httpServer(config);
            }
            server = new Hs2Server(backend, authenticator, developmentMode, audit, socket, http);
            if (http != null) {
                http.setHandler(server.new ThriftOverHttp());
                http.start();
            }
            server.acceptor.start();
            log.info(
                    "HiveServer2 front door listening on {}:{} (binary{})"
                            + (http == null ? "" : " and {}:{}{} (HTTP)"),
                    config.host(),
                    server.port(),
                    developmentMode ? ", SASL PLAIN or NOSASL" : ", SASL PLAIN",
                    config.host(),
                    server.httpPort(),
                    config.httpPath());
            return server;
        } catch (Exception e) {
            socket.close();
            if (http != null) {
                try {
                    http.stop();
                } catch (Exception stop) {
                    e.addSuppressed(stop);
                }
            }
            throw e instanceof IOException io ? io : new IOException("the HiveServer2 front door cannot start", e);
        }
    }

    private static Server httpServer(Hs2Config config) {
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(8, config.maxWorkerThreads()), 2);
        threads.setName("hs2-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(config.host());
        connector.setPort(config.httpPort());
        server.addConnector(connector);
        return server;
    }

    /** The binary transport's port. */
    public int port() {
        return socket.getLocalPort();
    }

    /** The HTTP transport's port, or -1 when it is off. */
    public int httpPort() {
        return http == null ? -1 : ((ServerConnector) http.getConnectors()[0]).getLocalPort();
    }

    private void accept() {
        while (!closing) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (!closing) {
                    log.warn("HiveServer2 accept failed", e);
                }
                continue;
            }
            clients.add(client);
            try {
                workers.execute(() -> serve(client));
            } catch (RejectedExecutionException e) {
                log.warn(
                        "HiveServer2 connection from {} refused: {} connections are open (hs2.max-worker-threads)",
                        client.getRemoteSocketAddress(),
                        backend.config.maxWorkerThreads());
                clients.remove(client);
                closeQuietly(client);
            }
        }
    }

    private void serve(Socket client) {
        String remote = client.getInetAddress().getHostAddress();
        Hs2Service service = null;
        TTransport transport = null;
        try {
            client.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(client.getInputStream(), 8192);
            in.mark(1);
            int first = in.read();
            if (first < 0) {
                return;
            }
            in.reset();
            TTransport raw = new TIOStreamTransport(in, new BufferedOutputStream(client.getOutputStream(), 8192));
            Principal principal;
            if (first == SASL_START) {
                PasswordCheck check = new PasswordCheck(remote);
                TSaslServerTransport sasl =
                        new TSaslServerTransport(PlainSaslServer.MECHANISM, "hive", "hearth", Map.of(), check, raw);
                transport = sasl;
                try {
                    sasl.open();
                } catch (TTransportException e) {
                    log.info("HiveServer2 login from {} failed: {}", remote, e.getMessage());
                    return;
                }
                principal = check.principal;
            } else if (developmentMode) {
                transport = raw;
                principal = authenticator.authenticate(new Credentials.Password("anonymous", ""), remote);
            } else {
                log.warn(
                        "HiveServer2 connection from {} refused: it does not authenticate (NOSASL, as with auth=noSasl"
                                + " in a JDBC URL), which is accepted only in development mode; connect with a user"
                                + " and password (SASL PLAIN)",
                        remote);
                audit.record(
                        new AuditLog.Entry("hs2", "-", "connect", "-", remote, AuditLog.Outcome.UNAUTHENTICATED, 401));
                return;
            }
            service = new Hs2Service(backend, principal, remote);
            TCLIService.Processor<Hs2Service> processor = new TCLIService.Processor<>(service);
            TProtocol protocol = new TBinaryProtocol(transport);
            while (!closing) {
                processor.process(protocol, protocol);
            }
        } catch (TTransportException e) {
            // the client went away
            log.debug("HiveServer2 connection from {} ended: {}", remote, e.getMessage());
        } catch (TException | IOException | RuntimeException e) {
            if (!closing) {
                log.warn("HiveServer2 connection from {} failed", remote, e);
            }
        } finally {
            if (service != null) {
                service.connectionClosed();
            }
            if (transport != null) {
                transport.close();
            }
            clients.remove(client);
            closeQuietly(client);
        }
    }

    /** Checks a SASL PLAIN user and password with the authentication chain, and keeps who it proved. */
    private final class PasswordCheck implements CallbackHandler {
        private final String remote;
        private Principal principal;

        PasswordCheck(String remote) {
            this.remote = remote;
        }

        @Override
        public void handle(javax.security.auth.callback.Callback[] callbacks)
                throws IOException, UnsupportedCallbackException {
            for (javax.security.auth.callback.Callback callback : callbacks) {
                if (!(callback instanceof PlainSaslServer.PlainCallback plain)) {
                    throw new UnsupportedCallbackException(callback);
                }
                principal = login(new Credentials.Password(plain.user(), plain.password()), plain.user(), remote);
            }
        }
    }

    private Principal login(Credentials credentials, String user, String remote) throws AuthenticationException {
        try {
            return authenticator.authenticate(credentials, remote);
        } catch (HearthException e) {
            boolean limited = e.errorCode() == ErrorCode.TOO_MANY_REQUESTS;
            audit.record(new AuditLog.Entry(
                    "hs2",
                    user,
                    "connect",
                    "-",
                    remote,
                    limited ? AuditLog.Outcome.RATE_LIMITED : AuditLog.Outcome.UNAUTHENTICATED,
                    e.errorCode().httpStatus()));
            throw new AuthenticationException(e.getMessage());
        } catch (AuthUnavailableException e) {
            throw new AuthenticationException("authentication is unavailable: " + e.getMessage());
        }
    }

    /**
     * Thrift's binary protocol in HTTP POST bodies, one call each, authenticated by HTTP Basic. A
     * login answers with a cookie (Hive's {@code hive.server2.auth}, which Hive clients send back
     * instead of their credentials), so a result's many fetches do not each cost a password hash
     * or an LDAP bind; it is good for {@link #COOKIE_TTL}, then the client logs in again.
     */
    private final class ThriftOverHttp extends Handler.Abstract {
        private final Map<String, CookieLogin> cookieLogins = new ConcurrentHashMap<>();

        private Optional<Principal> cookieLogin(Request request) {
            for (HttpCookie cookie : Request.getCookies(request)) {
                if (cookie.getName().equals(COOKIE)) {
                    CookieLogin login = cookieLogins.get(cookie.getValue());
                    if (login != null && login.expiresAt() - System.nanoTime() > 0) {
                        return Optional.of(login.principal());
                    }
                }
            }
            return Optional.empty();
        }

        private String newCookieLogin(Principal principal) {
            long now = System.nanoTime();
            cookieLogins.values().removeIf(login -> login.expiresAt() - now <= 0);
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            cookieLogins.put(token, new CookieLogin(principal, now + COOKIE_TTL.toNanos()));
            return COOKIE + "=" + token + "; Path=" + backend.config.httpPath() + "; Max-Age=" + COOKIE_TTL.toSeconds()
                    + "; HttpOnly";
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!Request.getPathInContext(request).equals(backend.config.httpPath())) {
                Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                return true;
            }
            if (!request.getMethod().equals("POST")) {
                Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
                return true;
            }
            String remote = Request.getRemoteAddr(request);
            Principal principal = cookieLogin(request).orElse(null);
            if (principal == null) {
                try {
                    principal = authenticator.authenticate(
                            Optional.ofNullable(request.getHeaders().get(HttpHeader.AUTHORIZATION)), remote);
                } catch (HearthException | AuthUnavailableException e) {
                    int status = e instanceof HearthException hearth
                            ? hearth.errorCode().httpStatus()
                            : 503;
                    audit.record(new AuditLog.Entry(
                            "hs2",
                            "-",
                            "connect",
                            "-",
                            remote,
                            status == 429 ? AuditLog.Outcome.RATE_LIMITED : AuditLog.Outcome.UNAUTHENTICATED,
                            status));
                    for (String challenge : authenticator.challenges()) {
                        response.getHeaders().add(HttpHeader.WWW_AUTHENTICATE, challenge);
                    }
                    Response.writeError(request, response, callback, status, e.getMessage());
                    return true;
                }
                response.getHeaders().add(HttpHeader.SET_COOKIE, newCookieLogin(principal));
            }
            Hs2Service service = new Hs2Service(backend, principal, remote);
            TCLIService.Processor<Hs2Service> processor = new TCLIService.Processor<>(service);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-thrift");
            try (InputStream in = Content.Source.asInputStream(request);
                    java.io.OutputStream out = Content.Sink.asOutputStream(response)) {
                TProtocol protocol = new TBinaryProtocol(new TIOStreamTransport(in, out));
                processor.process(protocol, protocol);
                out.flush();
            }
            callback.succeeded();
            return true;
        }
    }

    /** Who a cookie given at an HTTP login proves, until when ({@link System#nanoTime()}). */
    private record CookieLogin(Principal principal, long expiresAt) {}

    @Override
    public void close() {
        closing = true;
        closeQuietly(socket);
        if (http != null) {
            try {
                http.stop();
            } catch (Exception e) {
                log.warn("Stopping the HiveServer2 HTTP transport failed", e);
            }
        }
        // a connection's thread blocks reading its socket: closing the socket ends it, and its sessions
        for (Socket client : clients) {
            closeQuietly(client);
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        backend.close();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
