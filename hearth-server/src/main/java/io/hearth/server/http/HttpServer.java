package io.hearth.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.server.auth.AuditLog;
import io.hearth.server.auth.Authenticator;
import io.hearth.server.auth.AuthorizationHeader;
import io.hearth.server.auth.Principal;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The REST front door: Javalin on Jetty, every error as problem+json. */
public final class HttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private final Javalin javalin;

    private HttpServer(Javalin javalin) {
        this.javalin = javalin;
    }

    public static HttpServer start(
            HttpConfig config,
            Authenticator authenticator,
            AuditLog audit,
            HttpMetrics metrics,
            List<RouteTable> tables) {
        requireNonNull(config, "config is null");
        requireNonNull(authenticator, "authenticator is null");
        HttpAudit httpAudit = new HttpAudit(audit);
        ObjectMapper mapper = Json.newMapper();
        Problems problems = new Problems(mapper);
        Requests requests = new Requests(mapper, config.maxRequestBytes());
        Javalin javalin = Javalin.create(javalinConfig -> {
            javalinConfig.startup.showJavalinBanner = false;
            javalinConfig.jsonMapper(new JavalinJackson(mapper, false));
            javalinConfig.http.maxRequestSize = config.maxRequestBytes();
            javalinConfig.jetty.host = config.host();
            javalinConfig.jetty.port = config.port();
            config.tls().ifPresent(tls -> {
                KeyStore keyStore = TlsKeyStores.load(tls);
                javalinConfig.jetty.addConnector((server, httpConfiguration) ->
                        httpsConnector(server, httpConfiguration, config, keyStore, tls.keyStorePassword()));
            });
            // first of all: the id and the start time, so even a refused request carries them
            javalinConfig.routes.before(RequestIds::begin);
            config.tls()
                    .flatMap(TlsConfig::strictTransportSecurity)
                    .ifPresent(
                            hsts -> javalinConfig.routes.before(ctx -> ctx.header("Strict-Transport-Security", hsts)));
            // every request but the health probes proves who it is before any route sees it
            javalinConfig.routes.before(ctx -> authenticate(ctx, authenticator));
            javalinConfig.routes.after(metrics::record);
            javalinConfig.routes.after(httpAudit::record);
            javalinConfig.routes.after(RequestIds::end);
            javalinConfig.routes.exception(HearthException.class, (e, ctx) -> {
                problems.write(ctx, e);
                // not to scripts that say so (the web console): a Basic challenge makes browsers show a
                // password dialog of their own over the console's sign-in form
                if (e.errorCode() == ErrorCode.UNAUTHENTICATED
                        && !"XMLHttpRequest".equals(ctx.header("X-Requested-With"))) {
                    authenticator.challenges().forEach(challenge -> ctx.res().addHeader("WWW-Authenticate", challenge));
                }
            });
            javalinConfig.routes.exception(
                    HttpResponseException.class,
                    (e, ctx) -> problems.write(ctx, forStatus(e.getStatus()), e.getMessage(), null));
            javalinConfig.routes.exception(Exception.class, (e, ctx) -> {
                log.error("Unexpected failure serving {} {}", ctx.method(), ctx.path(), e);
                problems.write(ctx, ErrorCode.INTERNAL_ERROR, "an unexpected error occurred; it was logged", null);
            });
            javalinConfig.routes.error(404, ctx -> {
                // only for paths no route matched: handlers write their own 404 problems
                if (ctx.endpoints().matchedHttpEndpoint() == null && !ctx.res().isCommitted()) {
                    problems.write(
                            ctx, ErrorCode.NOT_FOUND, "no such endpoint: " + ctx.method() + " " + ctx.path(), null);
                }
            });
            javalinConfig.routes.error(
                    405,
                    ctx -> problems.write(
                            ctx,
                            ErrorCode.METHOD_NOT_ALLOWED,
                            ctx.method() + " is not allowed on " + ctx.path(),
                            null));
            javalinConfig.http.prefer405over404 = true;
            for (RouteTable table : tables) {
                table.addTo(javalinConfig.routes, requests);
            }
        });
        javalin.start();
        log.info("Hearth REST API listening on {}://{}:{}", config.scheme(), config.host(), javalin.port());
        return new HttpServer(javalin);
    }

    /** An HTTPS connector in place of Jetty's plain one (Javalin adds its own only when none is given). */
    private static Connector httpsConnector(
            Server server,
            HttpConfiguration httpConfiguration,
            HttpConfig config,
            KeyStore keyStore,
            String keyPassword) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(keyStore);
        ssl.setKeyStorePassword(keyPassword);
        ssl.setKeyManagerPassword(keyPassword);
        httpConfiguration.addCustomizer(new SecureRequestCustomizer());
        ServerConnector connector = new ServerConnector(
                server,
                new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(httpConfiguration));
        connector.setHost(config.host());
        connector.setPort(config.port());
        return connector;
    }

    /**
     * Health probes answer without credentials: load balancers and orchestrators have none. The web
     * console's files too (ui.UiRoutes: "/" redirects there): the page must load to show its sign-in
     * form; everything it shows comes from the authenticated /v1 API. The API contract and its
     * reference page too: they describe the API, no one's data.
     */
    static boolean isOpen(String path) {
        return path.equals("/health")
                || path.startsWith("/health/")
                || path.equals("/")
                || path.equals("/ui")
                || path.startsWith("/ui/")
                || path.equals("/openapi.json")
                || path.equals("/api-docs")
                || path.startsWith("/api-docs/");
    }

    private static void authenticate(Context ctx, Authenticator authenticator) {
        if (isOpen(ctx.path())) {
            return;
        }
        Optional<String> header = Optional.ofNullable(ctx.header("Authorization"));
        try {
            Principal principal = authenticator.authenticate(header, ctx.ip());
            ctx.attribute(Requests.PRINCIPAL_ATTRIBUTE, principal);
            MDC.put(RequestIds.MDC_USER, principal.name());
        } catch (HearthException e) {
            AuthorizationHeader.userName(header)
                    .ifPresent(user -> ctx.attribute(HttpAudit.ATTEMPTED_USER_ATTRIBUTE, user));
            if (e.errorCode() == ErrorCode.TOO_MANY_REQUESTS) {
                ctx.attribute(HttpAudit.RATE_LIMITED_ATTRIBUTE, true);
            }
            throw e;
        }
    }

    public int port() {
        return javalin.port();
    }

    /**
     * Every route the route tables registered, as {@code METHOD path} (e.g. {@code GET
     * /v1/statements/{statement_id}}), sorted; the authorization test walks them all.
     */
    public List<String> routes() {
        return javalin.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(parsed -> parsed.endpoint.method.isHttpMethod())
                .map(parsed -> parsed.endpoint.method.name() + " " + parsed.endpoint.path)
                .sorted()
                .distinct()
                .toList();
    }

    private static ErrorCode forStatus(int status) {
        return switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST;
        };
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
