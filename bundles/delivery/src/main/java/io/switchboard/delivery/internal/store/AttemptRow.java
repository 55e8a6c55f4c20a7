package io.switchboard.delivery.internal.store;

import io.switchboard.delivery.AttemptInfo;
import io.switchboard.delivery.DeliveryState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.StatelessSession;

/**
 * One attempt of one stored message: the history an operator sees on a dead letter. A delivered message's last
 * attempt has no row: its row says it all (state DELIVERED, the attempt count, the time in {@code updated_at}), which
 * spares one insert per message on the hot path; {@link #history} puts the line back, and an operator action that
 * sends a delivered message again writes it down first ({@link #delivered}).
 */
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

    /**
     * The attempts of a stored message, oldest first, with the delivered attempt of a message in state
     * {@code DELIVERED} read from its row.
     */
    public static List<AttemptInfo> history(StatelessSession s, long deliveryId, String state, int attempts,
            Instant updatedAt) {
        // by row id: attempt numbers start again at 1 after a replay
        List<AttemptInfo> history = new ArrayList<>(s.createSelectionQuery("select a.attempt, a.at, a.outcome, "
                + "a.error from AttemptRow a where a.deliveryId = :id order by a.id", Object[].class)
                .setParameter("id", deliveryId).getResultList().stream()
                .map(a -> new AttemptInfo((Integer) a[0], (Instant) a[1], (String) a[2], (String) a[3])).toList());
        if (DeliveryState.DELIVERED.name().equals(state)) {
            history.add(new AttemptInfo(attempts, updatedAt, DeliveryState.DELIVERED.name(), null));
        }
        return history;
    }

    /** The row of the delivered attempt of a message in state DELIVERED, before it is sent again. */
    public static AttemptRow delivered(long deliveryId, int attempts, Instant updatedAt) {
        return new AttemptRow(deliveryId, attempts, updatedAt, DeliveryState.DELIVERED.name(), null);
    }

    AttemptRow(long deliveryId, int attempt, Instant at, String outcome, String error) {
        this.deliveryId = deliveryId;
        this.attempt = attempt;
        this.at = at;
        this.outcome = outcome;
        this.error = error;
    }
}
