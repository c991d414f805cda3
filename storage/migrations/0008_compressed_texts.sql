-- article_text.original and .current hold zstd frames compressed with the
-- text dictionary (storage/text.go: putText, loadText) instead of the raw
-- bytes: the texts were most of an archive's size. compressTexts
-- (migrate_texts.go) rewrites the stored texts in this migration's
-- transaction; the table's shape does not change.
SELECT 1;
