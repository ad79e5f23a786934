package io.hearth.server.flightsql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParameterMarkersTest {
    @Test
    void namesAreFoundInOrderOfFirstUse() {
        assertThat(ParameterMarkers.names("select * from t where a = :a and b > :b_2 or a < :a"))
                .containsExactly("a", "b_2");
    }

    @Test
    void literalsCommentsQuotedNamesAndCastsHoldNoMarkers() {
        String sql =
                "select ':no', \"also :no\", `:no`, x::int, 'it''s :no' -- :no\n" + "/* :no */ from t where y = :yes";
        assertThat(ParameterMarkers.names(sql)).containsExactly("yes");
    }
}
