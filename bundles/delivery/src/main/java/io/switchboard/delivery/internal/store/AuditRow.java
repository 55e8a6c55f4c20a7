package io.switchboard.delivery.internal.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One operator action on stored messages: who, what, when, on which, how many. */
@Entity
@Table(name = "sb_delivery_audit")
public class AuditRow {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sb_delivery_audit_seq")
    @SequenceGenerator(name = "sb_delivery_audit_seq", sequenceName = "sb_delivery_audit_seq", allocationSize = 50)
    Long id;

    @Column(nullable = false)
    Instant at;

    @Column(nullable = false, length = 200)
    String actor;

    @Column(nullable = false, length = 32)
    String action;

    @Column(nullable = false, length = 2000)
    String target;

    @Column(nullable = false)
    int affected;

    protected AuditRow() {
        // for Hibernate
    }

    public AuditRow(Instant at, String actor, String action, String target, int affected) {
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.target = target;
        this.affected = affected;
    }
}
