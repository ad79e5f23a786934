package io.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.api.ErrorCode;
import io.hearth.api.token.TokenCreated;
import io.hearth.api.token.TokenInfo;
import io.hearth.api.token.TokenList;
import io.hearth.api.token.TokenRequest;
import io.hearth.api.token.TokenState;
import io.hearth.server.TestingHearth;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensTest {
    @TempDir
    Path dataDirectory;

    @Test
    void createsListsFindsAndRevokesTokens() throws IOException {
        try (TestingHearth hearth = TestingHearth.start(dataDirectory, Map.of("auth.default-user", "alice"));
                HearthClient client =
                        HearthClient.builder().server(hearth.uri("")).build()) {
            Instant before = Instant.now();
            TokenCreated created = client.tokens().create("ci nightly", Duration.ofDays(7));
            TokenCreated byDefault = client.tokens().create(TokenRequest.named("default"));

            assertThat(created.token()).startsWith("hth_" + created.tokenId() + "_");
            assertThat(created.toString()).doesNotContain(created.token());
            assertThat(created.owner()).isEqualTo("alice");
            assertThat(created.expiresAt())
                    .isBetween(before.plus(Duration.ofDays(7)), Instant.now().plus(Duration.ofDays(7)));
            assertThat(byDefault.expiresAt()).isAfter(before.plus(Duration.ofDays(29)));
            assertThat(client.tokens().list())
                    .extracting(TokenInfo::tokenId)
                    .containsExactly(byDefault.tokenId(), created.tokenId());
            TokenList firstPage = client.tokens().list(1, null);
            assertThat(firstPage.tokens()).extracting(TokenInfo::tokenId).containsExactly(byDefault.tokenId());
            assertThat(client.tokens().list(1, firstPage.nextPageToken()).tokens())
                    .extracting(TokenInfo::tokenId)
                    .containsExactly(created.tokenId());

            client.tokens().revoke(created.tokenId());

            TokenInfo revoked = client.tokens().find(created.tokenId());
            assertThat(revoked.state()).isEqualTo(TokenState.REVOKED);
            assertThat(revoked.name()).isEqualTo("ci nightly");
            assertThatThrownBy(() -> client.tokens().find("no-such-token"))
                    .isInstanceOfSatisfying(HearthClientException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(e.getMessage()).isEqualTo("token no-such-token does not exist");
                    });
            assertThatThrownBy(() -> client.tokens().create("too long", Duration.ofDays(366)))
                    .isInstanceOfSatisfying(HearthClientException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
                        assertThat(e.field()).isEqualTo("expires_in");
                    });
        }
    }
}
