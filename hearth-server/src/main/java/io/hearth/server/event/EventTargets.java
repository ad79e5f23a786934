package io.hearth.server.event;

import io.hearth.api.HearthException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks what a request says about its events: the client's {@code external_id} and the {@code
 * callback_url} webhooks POST to. Statements, jobs, batches and streams take both, by the same rules; a
 * {@code callback_url} only where webhooks are on, so no caller waits for POSTs that never come.
 */
public final class EventTargets {
    /** The longest {@code external_id}: the store's column is this wide. */
    public static final int MAX_EXTERNAL_ID_LENGTH = 256;
    /** The longest {@code callback_url}; a longer one is a mistake, not an address. */
    public static final int MAX_CALLBACK_URL_LENGTH = 2048;

    private final boolean webhooksEnabled;

    /** @param webhooksEnabled whether this gateway POSTs events to callback URLs ({@code webhooks.enabled}) */
    public EventTargets(boolean webhooksEnabled) {
        this.webhooksEnabled = webhooksEnabled;
    }

    /**
     * Fails with a 400 naming the field unless {@code externalId} is absent or 1 to 256 characters
     * and {@code callbackUrl} is absent, or an absolute http(s) URL with a host while webhooks are on.
     */
    public void validate(String externalId, String callbackUrl) {
        if (externalId != null && (externalId.isBlank() || externalId.length() > MAX_EXTERNAL_ID_LENGTH)) {
            throw HearthException.invalidField(
                    "external_id", "external_id must be 1 to " + MAX_EXTERNAL_ID_LENGTH + " characters");
        }
        if (callbackUrl == null) {
            return;
        }
        if (!webhooksEnabled) {
            throw HearthException.invalidField(
                    "callback_url",
                    "callback_url is given, but webhooks are off on this gateway (webhooks.enabled is false), so"
                            + " nothing would ever be POSTed to it; leave callback_url out and follow the events"
                            + " another way (GET .../events, MQTT, Kafka), or ask the operator to turn webhooks on");
        }
        validateCallbackUrl(callbackUrl);
    }

    private static void validateCallbackUrl(String callbackUrl) {
        String problem = "callback_url must be an absolute http or https URL with a host, such as"
                + " \"https://example.com/hearth/events\"";
        if (callbackUrl.length() > MAX_CALLBACK_URL_LENGTH) {
            throw HearthException.invalidField(
                    "callback_url", "callback_url is longer than " + MAX_CALLBACK_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(callbackUrl);
        } catch (URISyntaxException e) {
            throw HearthException.invalidField("callback_url", problem + "; got one that is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute()
                || !(scheme.equals("http") || scheme.equals("https"))
                || uri.getHost() == null
                || uri.getHost().isBlank()) {
            throw HearthException.invalidField("callback_url", problem);
        }
    }
}
