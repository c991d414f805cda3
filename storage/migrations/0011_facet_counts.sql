-- The sidebar's counts with no query, kept current on write: one row per
-- facet and exact stored value (values differing only in case are summed
-- when read, as Facet groups them), the number of articles holding it.
-- The three places that write an article's rows (Tx.insert, writeDerived,
-- removeRows) add up their changes, and WriteTx writes them here just
-- before its commit (facet_kept.go); Check compares it with a recount and
-- RecountFacets rebuilds it. A row whose count reaches 0 is deleted.
-- A later migration that rewrites articles outside a Tx must recount.
CREATE TABLE IF NOT EXISTS facet_count (
    facet TEXT    NOT NULL,   -- topic, provider, domain, category, type, published
    value TEXT    NOT NULL,   -- the stored value; published is 'yes' or 'no'
    n     INTEGER NOT NULL,
    PRIMARY KEY (facet, value)
) WITHOUT ROWID;

-- recountFacets (facet_kept.go) fills it in this migration's transaction.
