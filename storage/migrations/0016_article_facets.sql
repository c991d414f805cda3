-- The sidebar's columns of each article in id order: provider, domain,
-- category, type, published and the joined topics. The counts of a broad
-- word's exact sidebar pass look up the articles it leaves out by id
-- (facet_complement.go), and the counts of a search's ids or of the
-- estimate's sample each of those (facet_match.go, facet_estimate.go):
-- through the article table each lookup lands on a leaf page of its own
-- (its rows are wide), through this index on pages holding many articles,
-- read in id order (BenchmarkFacetCounts/brain/ExactAfterSearch). An
-- import sets it aside and builds it at its end, as the other indexes.
CREATE INDEX IF NOT EXISTS article_facets ON article(id, provider_name, provider_domain, category, type, published, topics);
