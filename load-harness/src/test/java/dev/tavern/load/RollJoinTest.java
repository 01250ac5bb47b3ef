package dev.tavern.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RollJoinTest {

    @Test
    void theRollIdIsTheFirstIdOfAGatewayFrame() {
        String frame = "{\"type\":\"dice:roll\",\"offset\":42,\"data\":{\"id\":\"0b6f1c2e-9a7d-4f2b-8d3e-5a1c9e7f3b21\","
                + "\"characterName\":\"Gimli\",\"rollFormula\":\"1d20+5\"}}";

        assertThat(RollJoin.idOf(frame)).isEqualTo("0b6f1c2e-9a7d-4f2b-8d3e-5a1c9e7f3b21");
    }

    @Test
    void aFrameWithoutARollHasNoId() {
        assertThat(RollJoin.idOf("{\"type\":\"resync\"}")).isNull();
        assertThat(RollJoin.idOf("{\"data\":{\"id\":\"cut")).isNull();
    }
}
