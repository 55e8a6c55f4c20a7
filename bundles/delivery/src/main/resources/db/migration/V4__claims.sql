-- Claims name their node, so a restarted node takes back at once what it held when it died (other nodes' claims
-- wait for the lease). The claim walks (endpoint, state, next_attempt_at, id) in order, one endpoint at a time:
-- a backlog for an endpoint that is down is never scanned for another. Ordering keys look up earlier messages
-- of their key through (endpoint, ordering_key, id).
alter table sb_delivery add column claimed_by varchar(100);
create index sb_delivery_endpoint_due on sb_delivery (endpoint, state, next_attempt_at, id);
create index sb_delivery_ordering on sb_delivery (endpoint, ordering_key, id);
