package io.switchboard.delivery.internal.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One attempt of one stored message: the history an operator sees on a dead letter. */
@Entity
@Table(name = "sb_delivery_attempt")
public class AttemptRow {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sb_delivery_attempt_seq")
    @SequenceGenerator(name = "sb_delivery_attempt_seq", sequenceName = "sb_delivery_attempt_seq", allocationSize = 50)
    Long id;

    @Column(name = "delivery_id", nullable = false)
    long deliveryId;

    @Column(nullable = false)
    int attempt;

    @Column(nullable = false)
    Instant at;

    @Column(nullable = false, length = 32)
    String outcome;

    @Column(length = 2000)
    String error;

    protected AttemptRow() {
        // for Hibernate
    }

    AttemptRow(long deliveryId, int attempt, Instant at, String outcome, String error) {
        this.deliveryId = deliveryId;
        this.attempt = attempt;
        this.at = at;
        this.outcome = outcome;
        this.error = error;
    }
}
