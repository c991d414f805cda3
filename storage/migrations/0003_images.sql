-- Seed Archive schema, version 3: the offline image cache (issue 4).
-- One row per fetched image URL. A URL that article_image references but that
-- has no row here is pending (never fetched). Small columns come first and the
-- blobs last, so listing statuses never reads the thumbnails' overflow pages.

CREATE TABLE image_cache (
    url          TEXT    NOT NULL PRIMARY KEY,
    status       TEXT    NOT NULL CHECK (status IN ('pending', 'cached', 'failed')),
    width        INTEGER NOT NULL DEFAULT 0,        -- the original's dimensions; 0 when unknown
    height       INTEGER NOT NULL DEFAULT 0,
    format       TEXT    NOT NULL DEFAULT '',       -- sniffed: jpeg, png, gif or webp
    size         INTEGER NOT NULL DEFAULT 0,        -- the original's length in bytes
    thumb_mime   TEXT    NOT NULL DEFAULT '',       -- image/png (source has alpha) or image/jpeg
    thumb_width  INTEGER NOT NULL DEFAULT 0,
    thumb_height INTEGER NOT NULL DEFAULT 0,
    error        TEXT    NOT NULL DEFAULT '',       -- why the last fetch failed
    failures     INTEGER NOT NULL DEFAULT 0,        -- consecutive failed fetches
    retry_at     TEXT,                              -- UTC, ms precision: a failure may be retried from then; NULL = not automatically
    fetched_at   TEXT,                              -- UTC, ms precision: last fetch attempt
    thumb        BLOB,
    original     BLOB                               -- the original bytes, only when the setting keeps them
);
CREATE INDEX image_cache_status ON image_cache(status, retry_at);
