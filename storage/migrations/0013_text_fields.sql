-- The excerpt and the AMP URLs (article.excerpt, amp_web_url,
-- cdn_amp_web_url) are read from the text (storage/textfields.go): a page
-- of rows parses its rows' texts, the AMP URLs do not sort, a sort by
-- the excerpt reads excerpt_key (its first 24
-- characters, indexed) and computes the whole excerpt for the rows it
-- reads. Nothing filters on them, and the full-text index keeps the
-- excerpt's words (BenchmarkImport's archive/corpus guards the size).
--
-- The two hashes (sha256, content_key) are stored as their 32 bytes, not
-- as 64 hex characters: storage code writes them with unhex(?) and reads
-- them with lower(hex(...)), so Go keeps handling hex strings.
--
-- The article table is rebuilt (DROP COLUMN would leave every page half
-- empty): rebuildArticle (migrate_textfields.go) copies the rows into
-- article_new, drops article, renames article_new and recreates the
-- indexes, with foreign keys off on the connection (so that dropping the
-- old table deletes no child row) and checked before the commit, all in
-- this migration's transaction.
CREATE TABLE article_new (
    id              INTEGER PRIMARY KEY,
    file            TEXT    NOT NULL,             -- original file name (relative path as imported)
    sha256          BLOB    NOT NULL,             -- SHA-256 of article_text.original (32 bytes; Go reads it as hex)
    content_key     BLOB    NOT NULL,             -- storage.ContentKey of the current text (32 bytes; duplicates without a URL)
    edited          INTEGER NOT NULL DEFAULT 0,   -- 1 when article_text.current is set (differs from the original)
    category        TEXT,                         -- every typed column is NULL when the field is missing
    title           TEXT,
    excerpt_key     TEXT,                         -- the excerpt's first 24 characters, for its sort
    published_at    TEXT,                         -- normalized UTC "2006-01-02T15:04:05Z"; NULL if missing or invalid
    web_url         TEXT,
    type            TEXT,
    quality         INTEGER,
    heat            INTEGER,
    published       INTEGER,                      -- 0/1; NULL if missing
    provider_name   TEXT,
    provider_domain TEXT,
    topics          TEXT    NOT NULL DEFAULT '',  -- topic names joined with char(31), for display
    image_count     INTEGER NOT NULL DEFAULT 0,
    related_count   INTEGER NOT NULL DEFAULT 0,
    has_body        INTEGER NOT NULL DEFAULT 0,
    imported_at     TEXT    NOT NULL,             -- UTC RFC 3339 with nanoseconds
    updated_at      TEXT    NOT NULL
);
