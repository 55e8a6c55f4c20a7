-- Operations, version 2: the audit trail of operator actions and the index the operations' listings walk.
create sequence sb_delivery_audit_seq start with 1 increment by 50;

create table sb_delivery_audit (
    id        bigint primary key,
    at        timestamp(6) with time zone not null,
    actor     varchar(200)  not null,
    action    varchar(32)   not null,
    target    varchar(2000) not null,
    affected  integer       not null
);

-- A page of one endpoint's messages in one state is a range of this index, already in id order: no sort. The
-- per-endpoint counts of waiting, in-flight and dead messages read only this index's non-delivered ranges.
-- Retention needs no index of its own: a delivered row's next_attempt_at is its completion time, so the
-- (state, next_attempt_at, id) index of V1 finds the old delivered rows.
create index sb_delivery_state_endpoint on sb_delivery (state, endpoint, id);
