-- Seed Archive schema, version 7: linked folders. A linked folder's files
-- are the truth and its articles an index over them: each article indexed
-- from a file has a linked_file row naming it (relative to the folder) with
-- what the cheap scan compares (size, modification time, inode) and the
-- SHA-256 of the text the article holds, which is the file's content.
-- Kept apart from article so that imported articles stay as they were.

CREATE TABLE linked_folder (
    id            INTEGER PRIMARY KEY,
    path          TEXT NOT NULL UNIQUE,           -- absolute, cleaned
    name_template TEXT NOT NULL DEFAULT '',       -- names of new files; '' = NNN_<16 hex>.txt
    linked_at     TEXT NOT NULL
);

CREATE TABLE linked_file (
    article_id INTEGER PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,
    folder_id  INTEGER NOT NULL REFERENCES linked_folder(id) ON DELETE CASCADE,
    path       TEXT    NOT NULL,                  -- slash-separated, relative to the folder
    size       INTEGER NOT NULL,
    mtime_ns   INTEGER NOT NULL,
    inode      INTEGER NOT NULL,
    mode       INTEGER NOT NULL,                  -- permission bits, kept when the file is rewritten
    sha256     TEXT    NOT NULL                   -- hex SHA-256 of the file as indexed
);
CREATE UNIQUE INDEX linked_file_path ON linked_file(folder_id, path);

-- Files of a linked folder that are not indexed as they are: they stopped
-- parsing, or hold git's conflict markers. The stat columns let the cheap
-- scan skip a problem file until it changes again.
CREATE TABLE linked_problem (
    folder_id INTEGER NOT NULL REFERENCES linked_folder(id) ON DELETE CASCADE,
    path      TEXT    NOT NULL,
    line      INTEGER NOT NULL,
    reason    TEXT    NOT NULL,
    size      INTEGER NOT NULL,
    mtime_ns  INTEGER NOT NULL,
    inode     INTEGER NOT NULL,
    PRIMARY KEY (folder_id, path)
) WITHOUT ROWID;

-- Where a trashed linked article's file was, so that Untrash writes it back.
CREATE TABLE trash_linked (
    batch       INTEGER NOT NULL,
    id          INTEGER NOT NULL,
    folder_path TEXT    NOT NULL,
    path        TEXT    NOT NULL,
    mode        INTEGER NOT NULL,
    PRIMARY KEY (batch, id)
) WITHOUT ROWID;
