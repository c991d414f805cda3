-- The related articles were stored twice: in the text and in a table of
-- their own that nothing reads (the editor, the reader and exports parse
-- the text; searches use article.related_count). The table was an eighth
-- of an archive's size and a fifth of an import's row writes.
DROP TABLE IF EXISTS related;

-- An import looks an input up by its content only when it has no webUrl
-- (Tx.FindDuplicates), so only those articles need the content-key index:
-- a news archive's articles nearly all have one, and the full index was
-- another key to write per article and 3 % of an archive's size.
DROP INDEX IF EXISTS article_content_key;
CREATE INDEX article_content_key ON article(content_key) WHERE coalesce(web_url, '') = '';

-- Give the freed pages back to the file system (archives created with
-- incremental auto-vacuum; a no-op in older ones).
PRAGMA incremental_vacuum;
