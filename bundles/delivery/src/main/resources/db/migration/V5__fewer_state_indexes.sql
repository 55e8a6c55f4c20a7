-- Every state change rewrites each index holding the state. V1's (state, next_attempt_at, id) is not needed since the
-- claim walks (endpoint, state, next_attempt_at, id) per endpoint: retention now does too, and the lease check finds
-- in-flight rows through (state, endpoint, id). One index less to maintain on every accept, claim and outcome.
drop index sb_delivery_due;
