-- article_text.original and .current hold zstd frames compressed with the
-- text dictionary (storage/text.go: putText, loadText) instead of the raw
-- bytes: the texts were most of an archive's size. compressTexts
-- (migrate_texts.go) rewrites the stored texts in this migration's
-- transaction; the table's shape does not change.
--
-- deferred_index holds the definitions of the indexes a bulk import set
-- aside (storage/bulk.go) until it rebuilds them; rows remain only when
-- that import was killed, and the next import rebuilds them.
CREATE TABLE IF NOT EXISTS deferred_index (
    name     TEXT PRIMARY KEY,
    tbl_name TEXT NOT NULL,
    sql      TEXT NOT NULL
);
