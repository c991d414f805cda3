package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

func init() {
	fixups[13] = rebuildArticle
	foreignKeysOff[13] = true
}

// textFieldColumns are the article columns migration 13 drops: the fields
// now read from the text (textfields.go).
var textFieldColumns = []string{"excerpt", "amp_web_url", "cdn_amp_web_url"}

// rebuildArticle moves the article rows into article_new (created by the
// migration's SQL) without textFieldColumns, filling excerpt_key from the
// excerpt column, replaces article by it and recreates article's indexes
// and triggers, then article_excerpt_key. Foreign keys must be off (the
// runner turns them off for this migration): with them on, dropping the
// old table would delete every child row. It runs in the migration's
// transaction, so a killed migration leaves the archive at schema 12.
func rebuildArticle(ctx context.Context, tx *sql.Tx) error {
	var fk int
	if err := tx.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil {
		return fmt.Errorf("read foreign_keys: %w", err)
	}
	if fk != 0 {
		return errors.New("rebuild article: foreign keys are on")
	}
	have, err := columnNames(ctx, tx, "article")
	if err != nil {
		return err
	}
	newCols, err := columnNames(ctx, tx, "article_new")
	if err != nil {
		return err
	}
	var into, from []string
	for col := range newCols {
		switch {
		case (col == "sha256" || col == "content_key") && have[col] != "":
			// Hex text until schema 13 (a text that is not hex is kept as
			// its bytes, for Check to report, never dropped); bytes already
			// stay as they are.
			from = append(from, fmt.Sprintf("CASE WHEN typeof(%[1]s) = 'text' THEN coalesce(unhex(%[1]s), CAST(%[1]s AS BLOB)) ELSE %[1]s END", col))
		case have[col] != "":
			from = append(from, col)
		case col == "excerpt_key" && have["excerpt"] != "":
			from = append(from, fmt.Sprintf("substr(excerpt, 1, %d)", excerptKeyLen))
		default:
			continue // takes its default
		}
		into = append(into, col)
	}
	var defs []string
	rows, err := tx.QueryContext(ctx, `SELECT sql FROM sqlite_schema
		WHERE tbl_name = 'article' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name`)
	if err != nil {
		return fmt.Errorf("read the article indexes: %w", err)
	}
	for rows.Next() {
		var def string
		if err := rows.Scan(&def); err != nil {
			rows.Close()
			return fmt.Errorf("read the article indexes: %w", err)
		}
		defs = append(defs, def)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read the article indexes: %w", err)
	}
	steps := []string{
		"INSERT INTO article_new (" + strings.Join(into, ", ") + ") SELECT " + strings.Join(from, ", ") +
			" FROM article ORDER BY id",
		"DROP TABLE article",
		"ALTER TABLE article_new RENAME TO article",
	}
	steps = append(steps, defs...)
	steps = append(steps, `CREATE INDEX IF NOT EXISTS article_excerpt_key ON article(excerpt_key COLLATE NOCASE)`)
	for _, s := range steps {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("rebuild article: %s: %w", firstLine(s), err)
		}
	}
	var bad int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pragma_foreign_key_check`).Scan(&bad); err != nil {
		return fmt.Errorf("check foreign keys: %w", err)
	}
	if bad != 0 {
		return fmt.Errorf("rebuild article: %d rows refer to no article", bad)
	}
	// The planner's statistics of the dropped table's indexes are gone.
	for _, s := range []string{"PRAGMA analysis_limit = 1000", "ANALYZE article", "PRAGMA incremental_vacuum"} {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("rebuild article: %s: %w", s, err)
		}
	}
	return nil
}

// columnNames maps the columns of table to their declared types.
func columnNames(ctx context.Context, tx *sql.Tx, table string) (map[string]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, type FROM pragma_table_info(?) ORDER BY cid`, table)
	if err != nil {
		return nil, fmt.Errorf("read the %s columns: %w", table, err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			return nil, fmt.Errorf("read the %s columns: %w", table, err)
		}
		out[name] = typ + " " // non-empty for a column without a type
	}
	return out, rows.Err()
}

// firstLine is s up to its first line break.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
