-- Sources and feed state (issue 13).

create table sources (
	guild_id text not null,
	id       text not null,
	seq      bigint generated always as identity,
	kind     text not null check (kind in ('article', 'feed')),
	added    timestamptz not null,
	source   jsonb not null,
	primary key (guild_id, id)
);
create index sources_feeds on sources (added) where kind = 'feed';

create table feed_seen (
	guild_id text not null,
	feed_id  text not null,
	key      text not null,
	seq      bigint generated always as identity,
	primary key (guild_id, feed_id, key)
);
create index feed_seen_order on feed_seen (guild_id, feed_id, seq);
