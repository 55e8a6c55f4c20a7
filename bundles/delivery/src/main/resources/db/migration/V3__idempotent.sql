-- The idempotent receiver's memory, for H2 and PostgreSQL: one row per message a consumer processed, until it
-- expires. The primary key is the unique constraint that makes "first time" exact across threads and nodes.
create table sb_idempotent (
    consumer    varchar(200) not null,
    message_id  varchar(200) not null,
    expires_at  timestamp(6) with time zone not null,
    constraint sb_idempotent_pk primary key (consumer, message_id)
);
-- The purge deletes expired rows without scanning the live ones.
create index sb_idempotent_expiry on sb_idempotent (expires_at);
