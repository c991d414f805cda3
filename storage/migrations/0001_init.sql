-- Seed Archive schema, version 1.
-- Typed columns mirror the known front-matter fields so tables sort and filter
-- on indexes. The imported bytes (for lossless export) and the edited bytes
-- live in article_text, apart from the typed columns: a scan over article
-- (a filter on a column without an index, a sort, a facet) then reads small
-- rows and never the texts' overflow pages.

CREATE TABLE article (
    id              INTEGER PRIMARY KEY,
    file            TEXT    NOT NULL,             -- original file name (relative path as imported)
    sha256          TEXT    NOT NULL,             -- hex SHA-256 of article_text.original
    content_key     TEXT    NOT NULL,             -- storage.ContentKey of the current text (duplicates without a URL)
    edited          INTEGER NOT NULL DEFAULT 0,   -- 1 when article_text.current is set (differs from the original)
    category        TEXT,                         -- every typed column is NULL when the field is missing
    title           TEXT,
    excerpt         TEXT,
    published_at    TEXT,                         -- normalized UTC "2006-01-02T15:04:05Z"; NULL if missing or invalid
    web_url         TEXT,
    amp_web_url     TEXT,
    cdn_amp_web_url TEXT,
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
CREATE INDEX article_web_url ON article(web_url);
CREATE INDEX article_content_key ON article(content_key);
CREATE INDEX article_published_at ON article(published_at);
CREATE INDEX article_title ON article(title COLLATE NOCASE);
CREATE INDEX article_quality ON article(quality);
CREATE INDEX article_heat ON article(heat);
CREATE INDEX article_category ON article(category COLLATE NOCASE);
CREATE INDEX article_type ON article(type COLLATE NOCASE);
CREATE INDEX article_provider_name ON article(provider_name COLLATE NOCASE);
CREATE INDEX article_provider_domain ON article(provider_domain COLLATE NOCASE);
CREATE INDEX article_published ON article(published);
CREATE INDEX article_file ON article(file COLLATE NOCASE);
CREATE INDEX article_image_count ON article(image_count);
CREATE INDEX article_related_count ON article(related_count);
CREATE INDEX article_edited ON article(edited);

-- The texts of an article: original exactly as imported, current the edited
-- text (NULL while unedited). Written in the same transaction as article.
CREATE TABLE article_text (
    article_id INTEGER PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,
    original   BLOB NOT NULL,
    current    BLOB
);

-- Each topic name once per article (compared like NOCASE), at the position
-- of its first occurrence, so facets count rows without DISTINCT.
CREATE TABLE article_topic (
    article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX article_topic_name ON article_topic(name COLLATE NOCASE, article_id);

CREATE TABLE related (
    article_id      INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    title           TEXT,
    excerpt         TEXT,
    published_at    TEXT,
    web_url         TEXT,
    type            TEXT,
    provider_name   TEXT,
    provider_domain TEXT,
    quality         INTEGER,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;

-- Every image URL an article references (related[].images[] and the same
-- shape anywhere else in the front matter); source is its dotted path.
CREATE TABLE article_image (
    article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    url        TEXT    NOT NULL,
    width      INTEGER,                           -- NULL when missing or 0
    height     INTEGER,
    source     TEXT    NOT NULL,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX article_image_url ON article_image(url);

CREATE TABLE article_set (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    query      TEXT NOT NULL DEFAULT '',          -- non-empty: a smart set (saved search)
    created_at TEXT NOT NULL
);

CREATE TABLE set_member (
    set_id     INTEGER NOT NULL REFERENCES article_set(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    added_at   TEXT    NOT NULL,
    PRIMARY KEY (set_id, article_id)
) WITHOUT ROWID;
CREATE INDEX set_member_article ON set_member(article_id);

-- Full text over title, excerpt, body, provider (name and domain) and topics.
-- Contentless: rowid = article.id, rows written by storage code in the same
-- transaction as the article.
CREATE VIRTUAL TABLE article_fts USING fts5(
    title, excerpt, body, provider, topics,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2'
);
