-- The number of articles, kept in facet_count like the sidebar's counts
-- (facet 'article', value ''): the count of everything (the table's length
-- with no search, shown at start and after each cleared search) read as
-- one row rather than counted from an index, which grows with the archive
-- (BenchmarkListQuery/Count()). countFacets keeps it with the other
-- counts; Check compares it with a recount.
INSERT INTO facet_count (facet, value, n)
    SELECT 'article', '', count(*) FROM article HAVING count(*) > 0
    ON CONFLICT DO UPDATE SET n = excluded.n;
