package io.hearth.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.server.event.webhook.WebhookConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code webhooks.*} keys: pinned defaults, the required secret, the allow-list. */
class WebhookConfigLoadingTest {
    @TempDir
    Path home;

    @Test
    void defaultsArePinned() {
        WebhookConfig webhooks = load(Map.of(), Map.of()).webhooks();

        assertThat(webhooks.enabled()).isFalse();
        assertThat(webhooks.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(webhooks.maxAttempts()).isEqualTo(8);
        assertThat(webhooks.retryInitial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(webhooks.retryMax()).isEqualTo(Duration.ofMinutes(10));
        assertThat(webhooks.allowedHosts()).isEmpty();
        assertThat(webhooks.allows("10.0.0.1")).isTrue();
    }

    @Test
    void readsEveryKeyAndTheSecretFromTheEnvironment() {
        WebhookConfig webhooks = load(
                        Map.of(
                                "webhooks.enabled", "true",
                                "webhooks.timeout", "3s",
                                "webhooks.max-attempts", "4",
                                "webhooks.retry-initial", "2s",
                                "webhooks.retry-max", "1m",
                                "webhooks.allowed-hosts", "hooks.example.com, *.Internal.example"),
                        Map.of("HEARTH_WEBHOOKS_SECRET", "s3cret"))
                .webhooks();

        assertThat(webhooks.enabled()).isTrue();
        assertThat(webhooks.secret()).isEqualTo("s3cret");
        assertThat(webhooks.toString()).doesNotContain("s3cret");
        assertThat(webhooks.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(webhooks.maxAttempts()).isEqualTo(4);
        assertThat(webhooks.retryInitial()).isEqualTo(Duration.ofSeconds(2));
        assertThat(webhooks.retryMax()).isEqualTo(Duration.ofMinutes(1));
        assertThat(webhooks.allows("hooks.example.com")).isTrue();
        assertThat(webhooks.allows("a.internal.example")).isTrue();
        assertThat(webhooks.allows("internal.example")).isFalse();
        assertThat(webhooks.allows("evil.example.com")).isFalse();
        assertThat(webhooks.allows("169.254.169.254")).isFalse();
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        WebhookConfig webhooks = new WebhookConfig(
                true, "x", Duration.ofSeconds(10), 8, Duration.ofSeconds(1), Duration.ofSeconds(5), java.util.Set.of());

        assertThat(webhooks.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(webhooks.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(webhooks.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(webhooks.backoff(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(webhooks.backoff(60)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refusesEnabledWithoutASecretAndBadValues() {
        assertThatThrownBy(() -> load(Map.of("webhooks.enabled", "true"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("webhooks.secret is not set");
        assertThatThrownBy(() -> load(Map.of("webhooks.max-attempts", "0"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("webhooks.max-attempts");
        assertThatThrownBy(() -> load(Map.of("webhooks.retry-initial", "1m", "webhooks.retry-max", "1s"), Map.of()))
                .hasMessageContaining("webhooks.retry-max");
        assertThatThrownBy(() -> load(Map.of("webhooks.secrets", "typo"), Map.of()))
                .hasMessageContaining("webhooks.secrets");
    }

    private HearthConfig load(Map<String, String> settings, Map<String, String> environment) {
        return ConfigLoader.load(Optional.empty(), environment, settings, home);
    }
}
