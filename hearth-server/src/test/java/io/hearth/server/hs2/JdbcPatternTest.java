package io.hearth.server.hs2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcPatternTest {
    @Test
    void nullMatchesEverythingEvenNoName() {
        JdbcPattern any = JdbcPattern.of(null);
        assertThat(any.matches("t1")).isTrue();
        assertThat(any.matches(null)).isTrue();
        assertThat(any.matchesNoSchema()).isTrue();
    }

    @Test
    void percentIsAnySequenceAndUnderscoreAnyOneCharacter() {
        assertThat(JdbcPattern.of("%").matches("")).isTrue();
        assertThat(JdbcPattern.of("%").matchesNoSchema()).isTrue();
        assertThat(JdbcPattern.of("t%").matches("t")).isTrue();
        assertThat(JdbcPattern.of("t%").matches("table")).isTrue();
        assertThat(JdbcPattern.of("t%").matches("at")).isFalse();
        assertThat(JdbcPattern.of("t_").matches("t1")).isTrue();
        assertThat(JdbcPattern.of("t_").matches("t")).isFalse();
        assertThat(JdbcPattern.of("t_").matches("t12")).isFalse();
        assertThat(JdbcPattern.of("t_").matchesNoSchema()).isFalse();
        assertThat(JdbcPattern.of("t%").matches(null)).isFalse();
    }

    @Test
    void aBackslashEscapesTheNextCharacter() {
        assertThat(JdbcPattern.of("hs\\_db").matches("hs_db")).isTrue();
        assertThat(JdbcPattern.of("hs\\_db").matches("hsxdb")).isFalse();
        assertThat(JdbcPattern.of("100\\%").matches("100%")).isTrue();
        assertThat(JdbcPattern.of("100\\%").matches("1000")).isFalse();
        assertThat(JdbcPattern.of("a\\\\b").matches("a\\b")).isTrue();
        assertThat(JdbcPattern.of("trailing\\").matches("trailing\\")).isTrue();
    }

    @Test
    void regexCharactersAreThemselvesAndCaseDoesNotMatter() {
        assertThat(JdbcPattern.of("a.b").matches("a.b")).isTrue();
        assertThat(JdbcPattern.of("a.b").matches("axb")).isFalse();
        assertThat(JdbcPattern.of("(.*)|x").matches("anything")).isFalse();
        // a literal backslash-E cannot end the quoting of the literal text early
        assertThat(JdbcPattern.of("a\\\\E.*").matches("a\\E.*")).isTrue();
        assertThat(JdbcPattern.of("a\\\\E.*").matches("a\\Exx")).isFalse();
        assertThat(JdbcPattern.of("HS_DB").matches("hs_db")).isTrue();
        assertThat(JdbcPattern.of("line%").matches("line\nbreak")).isTrue();
    }
}
