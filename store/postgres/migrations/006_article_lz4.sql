-- A replica's start reads every article's text and vectors: compressed
-- with lz4 rather than PostgreSQL's default pglz, they decompress several
-- times faster (pglz was most of the server's time reading 100,000
-- chunks) and compress faster when saved. Only values written from now on
-- are lz4; a server built without lz4 keeps pglz.

do $$
begin
	if exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) then
		alter table articles
			alter column text set compression lz4,
			alter column vectors set compression lz4;
	end if;
end
$$;
