-- Number fields holding no number (quality: high, a number too large) were
-- stored as 0; they are now NULL. Which ones they are takes parsing the
-- texts: rederiveNumbers (migrate_numbers.go) does it in this migration's
-- transaction.
SELECT 1;
