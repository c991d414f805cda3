-- The related articles were stored twice: in the text and in a table of
-- their own that nothing reads (the editor, the reader and exports parse
-- the text; searches use article.related_count). The table was an eighth
-- of an archive's size and a fifth of an import's row writes.
DROP TABLE IF EXISTS related;
