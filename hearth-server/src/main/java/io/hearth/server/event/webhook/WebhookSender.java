package io.hearth.server.event.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.Locale;

/** One signed POST of one delivery, and what its answer means. */
final class WebhookSender {
    static final String EVENT_ID_HEADER = "X-Hearth-Event-Id";

    private final WebhookConfig config;
    private final WebhookSignature signature;
    private final HttpClient client;
    private final Clock clock;

    WebhookSender(WebhookConfig config, Clock clock) {
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.signature = new WebhookSignature(config.secret());
        // a redirect could send the signed event anywhere, past webhooks.allowed-hosts: never followed
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** What became of one attempt, and why (null when delivered). */
    record Outcome(Result result, String reason) {
        static final Outcome DELIVERED = new Outcome(Result.DELIVERED, null);
    }

    enum Result {
        /** 2xx. */
        DELIVERED,
        /** 410 Gone: the receiver wants no more events of this resource. */
        GONE,
        /** Another status, a timeout or a connection failure: try again later. */
        FAILED,
        /** The URL is not one Hearth may call: trying again would not help. */
        REFUSED
    }

    Outcome send(WebhookDelivery delivery) throws InterruptedException {
        URI uri;
        try {
            uri = URI.create(delivery.callbackUrl());
        } catch (IllegalArgumentException e) {
            return new Outcome(Result.REFUSED, "the callback URL is not a valid URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return new Outcome(Result.REFUSED, "the callback URL is not an absolute http or https URL");
        }
        if (!config.allows(uri.getHost())) {
            return new Outcome(Result.REFUSED, "host " + uri.getHost() + " is not in webhooks.allowed-hosts");
        }
        byte[] body = delivery.body().getBytes(UTF_8);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Hearth-Webhooks")
                .header(WebhookSignature.HEADER, signature.sign(clock.instant().getEpochSecond(), body))
                .header(EVENT_ID_HEADER, Long.toString(delivery.sequence()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            int status =
                    client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                return Outcome.DELIVERED;
            }
            if (status == 410) {
                return new Outcome(Result.GONE, "HTTP 410 Gone");
            }
            return new Outcome(Result.FAILED, "HTTP " + status);
        } catch (HttpTimeoutException e) {
            return new Outcome(Result.FAILED, "no answer within " + config.timeout());
        } catch (IOException e) {
            return new Outcome(
                    Result.FAILED,
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** The host of a URL for logs (its path and query may carry the receiver's own secrets). */
    static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "(no host)" : host;
        } catch (IllegalArgumentException e) {
            return "(invalid URL)";
        }
    }
}
