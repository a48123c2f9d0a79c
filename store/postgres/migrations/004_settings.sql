-- Per-server settings (issue 14).

create table settings (
	guild_id   text not null,
	name       text not null,
	value      text not null,
	updated_at timestamptz not null default now(),
	primary key (guild_id, name)
);
