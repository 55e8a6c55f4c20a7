-- The delivery store, version 1, for H2 and PostgreSQL: ${text} and ${binary} are the types each calls
-- unbounded text and bytes (DeliveryStore sets them per database).
create sequence sb_delivery_seq start with 1 increment by 50;

create table sb_delivery (
    id               bigint primary key,
    endpoint         varchar(200)  not null,
    message_id       varchar(200)  not null,
    ordering_key     varchar(200),
    state            varchar(16)   not null,
    attempts         integer       not null,
    next_attempt_at  timestamp(6) with time zone not null,
    created_at       timestamp(6) with time zone not null,
    updated_at       timestamp(6) with time zone not null,
    type             varchar(200),
    operation        varchar(200),
    content_type     varchar(200)  not null,
    headers          ${text} not null,
    body             ${binary} not null,
    last_error       varchar(2000),
    constraint sb_delivery_message unique (endpoint, message_id)
);
-- The claim walks this index in order: no sort over every due row (FACTS.md, H2 trap).
create index sb_delivery_due on sb_delivery (state, next_attempt_at, id);

create sequence sb_delivery_attempt_seq start with 1 increment by 50;

create table sb_delivery_attempt (
    id           bigint primary key,
    delivery_id  bigint       not null,
    attempt      integer      not null,
    at           timestamp(6) with time zone not null,
    outcome      varchar(32)  not null,
    error        varchar(2000)
);
create index sb_delivery_attempt_delivery on sb_delivery_attempt (delivery_id);
