package io.switchboard.delivery.internal.store;

import io.switchboard.delivery.DeliveryResult;
import io.switchboard.delivery.DeliveryState;
import io.switchboard.delivery.internal.RetryPolicy;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;

/**
 * Records what attempts came to: a claimed message becomes DELIVERED, PENDING again (due per its retry policy) or
 * DEAD, and a failed attempt leaves its attempt row.
 */
public final class Outcomes {

    private final SessionFactory sessions;

    Outcomes(SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** The outcome of one attempt, to record with {@link #completeAll}. */
    public record Completion(Claimed claimed, DeliveryResult result, RetryPolicy policy, Instant at) {
    }

    /**
     * Records a batch of outcomes in one transaction: delivered, retried later per each one's policy, or dead, each
     * with its attempt row. An outcome is recorded only on the claim it belongs to (the row still IN_FLIGHT with the
     * attempt count it was claimed with): a batch written again because its commit's answer was lost records nothing
     * twice, and neither overwrites a later claim nor repeats an attempt row.
     *
     * @return the state each message is in now, in the batch's order; null where the outcome was recorded before
     */
    public List<DeliveryState> completeAll(List<Completion> batch) {
        List<DeliveryState> states = new ArrayList<>(batch.size());
        List<AttemptRow> attempts = new ArrayList<>(batch.size());
        try (StatelessSession s = sessions.openStatelessSession()) {
            Transaction tx = s.beginTransaction();
            s.doWork(connection -> {
                List<AttemptRow> failed = new ArrayList<>(batch.size());
                try (PreparedStatement update = connection.prepareStatement("update sb_delivery set state = ?, "
                        + "attempts = ?, next_attempt_at = ?, updated_at = ?, last_error = ?, claimed_by = null "
                        + "where id = ? and state = 'IN_FLIGHT' and attempts = ?")) {
                    for (Completion c : batch) {
                        Instant now = Columns.micros(c.at());
                        int attempt = c.claimed().attempts() + 1;
                        DeliveryState next = next(c.result(), c.policy(), attempt);
                        Instant due = next == DeliveryState.PENDING ? due(c.result(), c.policy(), attempt, now) : now;
                        String error = Columns.error(c.result().reason());
                        update.setString(1, next.name());
                        update.setInt(2, attempt);
                        update.setObject(3, OffsetDateTime.ofInstant(due, ZoneOffset.UTC));
                        update.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                        update.setString(5, error);
                        update.setLong(6, c.claimed().id());
                        update.setInt(7, c.claimed().attempts());
                        update.addBatch();
                        states.add(next);
                        // the row holds a delivered attempt (AttemptRow)
                        failed.add(next == DeliveryState.DELIVERED ? null : new AttemptRow(c.claimed().id(), attempt,
                                now, c.result().outcome().name(), error));
                    }
                    int[] updated = update.executeBatch();
                    for (int i = 0; i < updated.length; i++) {
                        if (updated[i] == 0) {
                            states.set(i, null);
                        } else if (failed.get(i) != null) {
                            attempts.add(failed.get(i));
                        }
                    }
                }
            });
            s.insertMultiple(attempts);
            tx.commit();
        }
        return states;
    }

    /**
     * When a message that failed transiently is tried again: per the retry policy's backoff, but never before the
     * endpoint's own {@code Retry-After}.
     */
    static Instant due(DeliveryResult result, RetryPolicy policy, int attempt, Instant now) {
        Instant backoff = policy.nextAttempt(attempt, now);
        Instant asked = result.retryAfter() == null ? backoff : now.plus(result.retryAfter());
        return Columns.micros(asked.isAfter(backoff) ? asked : backoff);
    }

    /** Records the attempt's outcome: delivered, retried later per {@code policy}, or dead. */
    public DeliveryState complete(Claimed claimed, DeliveryResult result, RetryPolicy policy, Instant at) {
        Instant now = Columns.micros(at);
        int attempts = claimed.attempts() + 1;
        DeliveryState next = next(result, policy, attempts);
        Instant due = next == DeliveryState.PENDING ? due(result, policy, attempts, now) : now;
        String error = Columns.error(result.reason());
        try (StatelessSession s = sessions.openStatelessSession()) {
            Transaction tx = s.beginTransaction();
            s.createMutationQuery("update DeliveryRow d set d.state = :s, d.attempts = :a, d.nextAttemptAt = :due, "
                    + "d.updatedAt = :now, d.lastError = :err, d.claimedBy = null where d.id = :id")
                    .setParameter("s", next.name()).setParameter("a", attempts).setParameter("due", due)
                    .setParameter("now", now).setParameter("err", error).setParameter("id", claimed.id())
                    .executeUpdate();
            if (next != DeliveryState.DELIVERED) { // the row holds a delivered attempt (AttemptRow)
                s.insert(new AttemptRow(claimed.id(), attempts, now, result.outcome().name(), error));
            }
            tx.commit();
        }
        return next;
    }

    private static DeliveryState next(DeliveryResult result, RetryPolicy policy, int attempts) {
        return switch (result.outcome()) {
            case DELIVERED -> DeliveryState.DELIVERED;
            case PERMANENT_FAILURE -> DeliveryState.DEAD;
            case TRANSIENT_FAILURE -> policy.allowsAnother(attempts) ? DeliveryState.PENDING : DeliveryState.DEAD;
        };
    }
}
