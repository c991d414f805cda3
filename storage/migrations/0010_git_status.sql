-- Seed Archive schema, version 10: the git status of linked files. A linked
-- folder inside a git working tree has git = 1 (as of its last sync), and
-- each of its articles whose file git reports as changed has a git_status
-- row with the state's word (modified, new, untracked, renamed, deleted,
-- conflicted). Clean files have no row, so a large clean folder costs
-- nothing; sync and every write of a file bring the rows up to date.

ALTER TABLE linked_folder ADD COLUMN git INTEGER NOT NULL DEFAULT 0;

CREATE TABLE git_status (
    article_id INTEGER PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,
    folder_id  INTEGER NOT NULL REFERENCES linked_folder(id) ON DELETE CASCADE,
    state      TEXT    NOT NULL
);
CREATE INDEX git_status_state ON git_status(state, article_id);
CREATE INDEX git_status_folder ON git_status(folder_id);
