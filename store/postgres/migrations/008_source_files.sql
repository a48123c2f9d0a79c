-- The article file of each added article, so every replica writes its
-- sources folder from the database (one fetches, all answer). Removed
-- with its source.

create table source_files (
	guild_id text  not null,
	id       text  not null,
	hash     text  not null,
	data     bytea not null,
	primary key (guild_id, id)
);
