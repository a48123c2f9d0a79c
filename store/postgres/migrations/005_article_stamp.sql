-- Where an article was read from and that file's size and modification
-- time, so a replica whose CORPUS_DIR file is unchanged does not re-read it.

alter table articles
	add column path        text   not null default '',
	add column stamp_size  bigint not null default 0,
	add column stamp_mtime bigint not null default 0;
