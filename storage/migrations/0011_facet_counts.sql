-- The sidebar's counts with no query, kept current on write: one row per
-- facet and exact stored value (values differing only in case are summed
-- when read, as Facet groups them), the number of articles holding it.
-- Triggers on article and article_topic keep it in the statement that
-- writes those rows, so every write path (import, edit, bulk edit, delete,
-- undo, linked sync) and every rollback keeps it whole; Check compares it
-- with a recount and RecountFacets rebuilds it. A row whose count reaches
-- 0 is deleted.
CREATE TABLE IF NOT EXISTS facet_count (
    facet TEXT    NOT NULL,   -- topic, provider, domain, category, type, published
    value TEXT    NOT NULL,   -- the stored value; published is 'yes' or 'no'
    n     INTEGER NOT NULL,
    PRIMARY KEY (facet, value)
) WITHOUT ROWID;

-- recountFacets (facet_kept.go) fills it in this migration's transaction.

CREATE TRIGGER IF NOT EXISTS facet_topic_insert AFTER INSERT ON article_topic BEGIN
    INSERT INTO facet_count (facet, value, n) VALUES ('topic', new.name, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER IF NOT EXISTS facet_topic_delete AFTER DELETE ON article_topic BEGIN
    UPDATE facet_count SET n = n - 1 WHERE facet = 'topic' AND value = old.name;
    DELETE FROM facet_count WHERE facet = 'topic' AND value = old.name AND n <= 0;
END;

CREATE TRIGGER IF NOT EXISTS facet_topic_update AFTER UPDATE OF name ON article_topic WHEN old.name IS NOT new.name BEGIN
    UPDATE facet_count SET n = n - 1 WHERE facet = 'topic' AND value = old.name;
    DELETE FROM facet_count WHERE facet = 'topic' AND value = old.name AND n <= 0;
    INSERT INTO facet_count (facet, value, n) VALUES ('topic', new.name, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER IF NOT EXISTS facet_article_insert AFTER INSERT ON article BEGIN
    INSERT INTO facet_count (facet, value, n)
    SELECT f, v, 1 FROM (
        SELECT 'provider' AS f, new.provider_name AS v
        UNION ALL SELECT 'domain', new.provider_domain
        UNION ALL SELECT 'category', new.category
        UNION ALL SELECT 'type', new.type
        UNION ALL SELECT 'published', CASE new.published WHEN 0 THEN 'no' ELSE 'yes' END
            WHERE new.published IS NOT NULL)
    WHERE v <> ''
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER IF NOT EXISTS facet_article_delete AFTER DELETE ON article BEGIN
    UPDATE facet_count SET n = n - 1 WHERE (facet, value) IN (
        SELECT 'provider', old.provider_name
        UNION ALL SELECT 'domain', old.provider_domain
        UNION ALL SELECT 'category', old.category
        UNION ALL SELECT 'type', old.type
        UNION ALL SELECT 'published', CASE old.published WHEN 0 THEN 'no' ELSE 'yes' END
            WHERE old.published IS NOT NULL);
    DELETE FROM facet_count WHERE n <= 0 AND (facet, value) IN (
        SELECT 'provider', old.provider_name
        UNION ALL SELECT 'domain', old.provider_domain
        UNION ALL SELECT 'category', old.category
        UNION ALL SELECT 'type', old.type
        UNION ALL SELECT 'published', CASE old.published WHEN 0 THEN 'no' ELSE 'yes' END
            WHERE old.published IS NOT NULL);
END;

CREATE TRIGGER IF NOT EXISTS facet_article_update AFTER UPDATE OF provider_name, provider_domain, category, type, published ON article
WHEN old.provider_name IS NOT new.provider_name OR old.provider_domain IS NOT new.provider_domain
    OR old.category IS NOT new.category OR old.type IS NOT new.type
    OR (old.published <> 0) IS NOT (new.published <> 0) BEGIN
    UPDATE facet_count SET n = n - 1 WHERE (facet, value) IN (
        SELECT 'provider', old.provider_name
        UNION ALL SELECT 'domain', old.provider_domain
        UNION ALL SELECT 'category', old.category
        UNION ALL SELECT 'type', old.type
        UNION ALL SELECT 'published', CASE old.published WHEN 0 THEN 'no' ELSE 'yes' END
            WHERE old.published IS NOT NULL);
    DELETE FROM facet_count WHERE n <= 0 AND (facet, value) IN (
        SELECT 'provider', old.provider_name
        UNION ALL SELECT 'domain', old.provider_domain
        UNION ALL SELECT 'category', old.category
        UNION ALL SELECT 'type', old.type
        UNION ALL SELECT 'published', CASE old.published WHEN 0 THEN 'no' ELSE 'yes' END
            WHERE old.published IS NOT NULL);
    INSERT INTO facet_count (facet, value, n)
    SELECT f, v, 1 FROM (
        SELECT 'provider' AS f, new.provider_name AS v
        UNION ALL SELECT 'domain', new.provider_domain
        UNION ALL SELECT 'category', new.category
        UNION ALL SELECT 'type', new.type
        UNION ALL SELECT 'published', CASE new.published WHEN 0 THEN 'no' ELSE 'yes' END
            WHERE new.published IS NOT NULL)
    WHERE v <> ''
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
