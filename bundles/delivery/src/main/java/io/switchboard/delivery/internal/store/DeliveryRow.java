package io.switchboard.delivery.internal.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One stored message for one endpoint. Private to the store: the API speaks in Messages and ids. */
@Entity
@Table(name = "sb_delivery")
public class DeliveryRow {

    /** Assigned by the store's insert from {@code sb_delivery_seq} ({@link RowIds}); rows are read and updated here. */
    @Id
    Long id;

    @Column(nullable = false, length = 200)
    String endpoint;

    @Column(name = "message_id", nullable = false, length = 200)
    String messageId;

    @Column(name = "ordering_key", length = 200)
    String orderingKey;

    @Column(nullable = false, length = 16)
    String state;

    @Column(nullable = false)
    int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    Instant nextAttemptAt;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Column(length = 200)
    String type;

    @Column(length = 200)
    String operation;

    @Column(name = "content_type", nullable = false, length = 200)
    String contentType;

    /** The message headers as JSON. */
    @Column(nullable = false, length = 1_000_000)
    String headers;

    @JdbcTypeCode(SqlTypes.VARBINARY)
    @Column(nullable = false, length = 1_000_000_000)
    byte[] body;

    @Column(name = "last_error", length = 2000)
    String lastError;

    /** The node holding the claim while IN_FLIGHT. */
    @Column(name = "claimed_by", length = 100)
    String claimedBy;

    protected DeliveryRow() {
        // for Hibernate
    }
}
