-- Articles with chunks and vectors, so replicas rebuild their index without
-- re-embedding (issue 14). One row an article: its sentences and chunk
-- spans as flat int4 arrays (start, end per sentence; start, end, first,
-- last per chunk) and its vectors as little-endian float32 bytes in chunk
-- order, which a replica reads back without conversion.

create table articles (
	guild_id  text not null,
	id        text not null,
	title     text not null,
	published timestamptz,
	url       text not null,
	source    text not null,
	text      text not null,
	hash      text not null,
	embedder  text not null,
	dim       integer not null,
	sentences integer[] not null,
	chunks    integer[] not null,
	vectors   bytea not null,
	saved     timestamptz not null,
	primary key (guild_id, id)
);
