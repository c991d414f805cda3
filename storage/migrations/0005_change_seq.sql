-- One row counting the write transactions that changed something: every
-- Archive bumps it in the transaction it commits, so an open Archive can
-- tell another program's commits from its own (Archive.ExternalChange).
CREATE TABLE change_seq (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL
);
INSERT INTO change_seq (id, seq) VALUES (1, 0);
