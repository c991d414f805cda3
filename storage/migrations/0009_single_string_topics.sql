-- A single string where the topics list belongs (topics: "AI") was stored
-- as no topics; it is now one topic. Which articles hold one takes parsing
-- the texts: rederiveTopics (migrate_topics.go) does it in this migration's
-- transaction.
SELECT 1;
