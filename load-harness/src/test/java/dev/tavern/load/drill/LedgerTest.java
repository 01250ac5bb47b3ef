package dev.tavern.load.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LedgerTest {

    @Test
    void countsWhatWasAcceptedAndWhatArrivedOfIt() {
        Ledger ledger = new Ledger();
        for (int request = 0; request < 4; request++) {
            ledger.sent();
        }
        ledger.accepted("roll-1", "id-1");
        ledger.accepted("roll-2", "id-2");
        ledger.accepted("roll-3", "id-3");
        ledger.refused("POST /webhooks/vtt/dice-roll answered 500");
        ledger.seen("roll-1", "id-1");
        ledger.seen("roll-1", "id-1");
        ledger.seen("roll-2", "id-2");

        DrillOutcome outcome = ledger.outcome("drill", "what", Duration.ofSeconds(1), "notes");

        assertThat(outcome.sent()).isEqualTo(4);
        assertThat(outcome.accepted()).isEqualTo(3);
        assertThat(outcome.delivered()).isEqualTo(2);
        assertThat(outcome.duplicated()).isEqualTo(1);
        assertThat(outcome.lost()).isEqualTo(1);
        assertThat(outcome.notes()).isEqualTo("notes; not accepted: POST /webhooks/vtt/dice-roll answered 500 ×1");
        assertThat(ledger.settled()).isFalse();
    }

    @Test
    void tellsDuplicatesWithAnotherIdentityAndArrivalsNobodyAcknowledged() {
        Ledger ledger = new Ledger();
        ledger.sent();
        ledger.sent();
        ledger.accepted("event-1", "webhook-a");
        ledger.refused("Connection refused");
        ledger.seen("event-1", "webhook-a");
        ledger.seen("event-1", "webhook-b");
        ledger.seen("event-2", "webhook-c");

        assertThat(ledger.duplicated()).isEqualTo(1);
        assertThat(ledger.unrecognisedDuplicates()).isEqualTo(1);
        assertThat(ledger.arrivedUnacknowledged()).isEqualTo(1);
        assertThat(ledger.lost()).isZero();
        assertThat(ledger.settled()).isTrue();
        assertThat(ledger.countsNotes()).isEqualTo("not accepted: Connection refused ×1; 1 arrived although their request "
                + "got no acknowledgement; 1 duplicates carried a different id (not recognisable)");
    }
}
