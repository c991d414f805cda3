// Package storage keeps the archive: one SQLite file (modernc.org/sqlite, pure
// Go) holding every article's imported bytes, its edited text, typed columns
// for the known front-matter fields, child tables (topics, image
// references), a contentless FTS5 index, and sets. The related articles are
// read from the text itself: nothing queries them one by one.
//
// Lossless: article_text.original holds the bytes exactly as imported and
// article_text.current the edited text (NULL while unedited), each as a
// zstd frame that only putText writes and loadText reads (text.go); exports
// write current, else original. Everything derived from a text (typed columns,
// child rows, the full-text row, content key) is written in the same
// transaction as the text, and Check re-derives it to prove it.
//
// Fast: lists, counts and facets page from SQLite through indexes; List never
// reads the texts, Each and EachText stream, nothing loads the archive in
// memory. Every query string goes through compileWhere (where.go).
//
// Concurrency: an Archive has a single-connection write pool whose
// transactions begin IMMEDIATE, and a separate read pool, over a database in
// WAL mode with a busy timeout. Readers (the GUI) never wait for a writer (an
// import), and two processes on one file (seedctl and the GUI) queue their
// writes instead of failing with "database is locked". WriteTx transactions
// are serialized per Archive: do not start one inside another. Edit reads
// and writes articles in one of them, so an edit never overwrites another
// program's; ExternalChange tells the app when another program committed.
//
// Safety of the file: Open probes an existing file read-only and refuses,
// untouched, one that is not an archive, is damaged or is newer (OpenError).
// Backup copies the archive while it is open (VACUUM INTO); AutoBackup
// keeps daily copies in BackupDir; Open copies it there before migrating;
// RestoreBackup puts a verified backup in its place.
//
// Linked folders (linked*.go): Link indexes a folder's seed files in place
// and the files stay the truth. linked_file records each article's file
// (path, stat, SHA-256 of the text the article holds); every write of a
// linked article (Edit, Update, Replace, Delete, Trash, Restore, Untrash,
// InsertLinked, Overwrite) stages the file change in its write transaction
// and renames it into place just before the commit, after checking the
// file still holds what was indexed (ErrChangedOnDisk). Sync brings the
// index up to date with what other programs did to the files; files that
// do not parse are Problems.
package storage
