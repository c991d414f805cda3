-- The table's sort by topics (sortKeys["topics"]: the joined topics, none
-- last, case ignored) had no index: each new search or sort by topics read
-- and sorted every match before End could show its last rows, and listing
-- the ids did the same. This index is in that sort's expression and
-- collation, so the sort is a scan of it, either way round, like the
-- other indexed columns' (BenchmarkJump, .../Topics).
CREATE INDEX IF NOT EXISTS article_topics ON article(NULLIF(topics, '') COLLATE NOCASE);
