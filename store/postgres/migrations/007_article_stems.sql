-- The word stems the lexical index counts in each chunk, so a replica's
-- start does not tokenise every chunk again (a third of its CPU at
-- 100,000 chunks): one text an article, the chunks' stems separated by
-- spaces and the chunks by newlines, in chunk order; and the stemmer that
-- made them, which a replica with another ignores. Articles saved before
-- have none ('', '') and are tokenised at start as before.

alter table articles
	add column stemmer text not null default '',
	add column stems   text not null default '';

do $$
begin
	if exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) then
		alter table articles alter column stems set compression lz4;
	end if;
end
$$;
