package io.hearth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.testing.TestingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailedLoginsTest {
    private final TestingClock clock = new TestingClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FailedLogins failedLogins = new FailedLogins(3, 5, Duration.ofMinutes(1), clock);

    @Test
    void refusesAUserAfterTheMaximumOfFailuresUntilTheWindowMovesOn() {
        for (int i = 0; i < 3; i++) {
            failedLogins.checkAllowed(Optional.of("alice"), "10.0.0." + i);
            failedLogins.recordFailure(Optional.of("alice"), "10.0.0." + i);
            clock.advance(Duration.ofSeconds(10));
        }

        assertThatThrownBy(() -> failedLogins.checkAllowed(Optional.of("alice"), "10.0.0.9"))
                .isInstanceOfSatisfying(HearthException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
                    // the first failure (30 s ago) leaves the one-minute window in 30 s
                    assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(30));
                    assertThat(e.getMessage()).contains("user alice");
                });
        assertThatCode(() -> failedLogins.checkAllowed(Optional.of("bob"), "10.0.0.9"))
                .doesNotThrowAnyException();

        clock.advance(Duration.ofSeconds(30));
        assertThatCode(() -> failedLogins.checkAllowed(Optional.of("alice"), "10.0.0.9"))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAnAddressAfterItsMaximumWhicheverUsersItTried() {
        for (int i = 0; i < 5; i++) {
            failedLogins.recordFailure(Optional.of("user" + i), "10.0.0.1");
        }

        assertThatThrownBy(() -> failedLogins.checkAllowed(Optional.of("someone-else"), "10.0.0.1"))
                .hasMessageContaining("address 10.0.0.1");
        assertThatThrownBy(() -> failedLogins.checkAllowed(Optional.empty(), "10.0.0.1"))
                .isInstanceOf(HearthException.class);
        assertThatCode(() -> failedLogins.checkAllowed(Optional.of("someone-else"), "10.0.0.2"))
                .doesNotThrowAnyException();
    }

    @Test
    void countsTokenFailuresAgainstTheAddressOnly() {
        for (int i = 0; i < 5; i++) {
            failedLogins.recordFailure(Optional.empty(), "10.0.0.1");
        }

        assertThatThrownBy(() -> failedLogins.checkAllowed(Optional.empty(), "10.0.0.1"))
                .isInstanceOf(HearthException.class);
    }

    @Test
    void aSuccessForgetsTheUsersFailuresButNotTheAddresses() {
        for (int i = 0; i < 2; i++) {
            failedLogins.recordFailure(Optional.of("alice"), "10.0.0.1");
        }
        failedLogins.recordSuccess("alice");
        for (int i = 0; i < 2; i++) {
            failedLogins.recordFailure(Optional.of("alice"), "10.0.0.2");
        }
        assertThatCode(() -> failedLogins.checkAllowed(Optional.of("alice"), "10.0.0.3"))
                .doesNotThrowAnyException();

        for (int i = 0; i < 3; i++) {
            failedLogins.recordFailure(Optional.of("bob" + i), "10.0.0.1");
        }
        assertThatThrownBy(() -> failedLogins.checkAllowed(Optional.of("carol"), "10.0.0.1"))
                .hasMessageContaining("address 10.0.0.1");
    }
}
