-- Seed Archive schema, version 4: the trash. Deleting articles for undo
-- (Archive.Trash) moves their rows here, by batch (one call), instead of
-- keeping them in the program's memory; Untrash moves a batch back, Purge
-- forgets it. Nothing else reads these tables: listing, searching, export
-- and the integrity check see only articles.

CREATE TABLE trash (
    batch       INTEGER NOT NULL,
    id          INTEGER NOT NULL,
    file        TEXT    NOT NULL,
    original    BLOB    NOT NULL,
    current     BLOB,                            -- the edited text; NULL when unedited
    imported_at TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    sets        TEXT    NOT NULL DEFAULT 'null', -- the manual sets holding it: a JSON array of names
    trashed_at  TEXT    NOT NULL,
    PRIMARY KEY (batch, id)
) WITHOUT ROWID;
-- A new article never takes an id waiting in the trash (see Tx.newID).
CREATE INDEX trash_id ON trash(id);

-- Cached images no remaining article referenced, dropped with a batch.
CREATE TABLE trash_image (
    batch        INTEGER NOT NULL,
    url          TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    width        INTEGER NOT NULL,
    height       INTEGER NOT NULL,
    format       TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    thumb_mime   TEXT    NOT NULL,
    thumb_width  INTEGER NOT NULL,
    thumb_height INTEGER NOT NULL,
    error        TEXT    NOT NULL,
    failures     INTEGER NOT NULL,
    retry_at     TEXT,
    fetched_at   TEXT,
    thumb        BLOB,
    original     BLOB,
    PRIMARY KEY (batch, url)
) WITHOUT ROWID;
