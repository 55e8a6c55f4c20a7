-- Every state change rewrites each index holding the state. V2's (state, endpoint, id) served the operations'
-- listings and counts; they now read ranges of V4's (endpoint, state, next_attempt_at, id) one endpoint at a time,
-- and the endpoints are found by seeks on its leading column. One index less on every accept, claim and outcome.
drop index sb_delivery_state_endpoint;

-- A delivered message's last attempt is no longer a row of its own: its row holds it (state DELIVERED, the attempt
-- count, updated_at), one insert less per message. The rows written before would show that attempt twice.
delete from sb_delivery_attempt where outcome = 'DELIVERED'
    and delivery_id in (select id from sb_delivery where state = 'DELIVERED');
