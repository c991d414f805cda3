package storage

import (
	"bytes"
	"database/sql"
	"database/sql/driver"
	"fmt"

	"modernc.org/sqlite"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// The excerpt and the two AMP URLs are read from the article's text, not
// kept in article columns: they were half of an article row, and nothing
// filters on them (the full-text index holds the excerpt's words). A page
// of rows parses the texts of its rows only (scanRow, through
// withFirstImage); a sort by the excerpt reads excerpt_key and computes
// the whole excerpt (the SQL function seed_field) only where keys tie, and
// the AMP URLs do not sort (sortKeys). BenchmarkListQuery's SortExcerpt
// guards the sort, BenchmarkImport's archive/corpus the size.

// excerptKeyLen is how many characters of an excerpt article.excerpt_key
// holds: enough that few excerpts share them, so that a sort by the
// excerpt reads the index in that order and computes whole excerpts only
// for the rows it returns (BenchmarkListQuery/SortExcerpt).
const excerptKeyLen = 24

// excerptKeyOf is article.excerpt_key of an excerpt: its first
// excerptKeyLen characters (SQLite's substr, which migration 13 uses,
// counts characters too); NULL when it is. A cut at a character boundary
// keeps the order: two keys that differ order their excerpts the same way.
func excerptKeyOf(excerpt sql.NullString) sql.NullString {
	n := 0
	for i := range excerpt.String {
		if n == excerptKeyLen {
			excerpt.String = excerpt.String[:i]
			break
		}
		n++
	}
	return excerpt
}

// textFieldPaths are the front-matter paths read from the text, in the
// order textFieldValues returns them.
var textFieldPaths = [...]string{"excerpt", "ampWebUrl", "cdnAmpWebUrl"}

// textFieldValues returns the excerpt and the two AMP URLs of doc, each
// NULL when the front matter does not hold it (as derive's columns were).
func textFieldValues(doc *seedfile.Document) [len(textFieldPaths)]sql.NullString {
	art := doc.Article()
	vals := [...]string{art.Excerpt, art.AmpWebURL, art.CdnAmpWebURL}
	var out [len(textFieldPaths)]sql.NullString
	for i, path := range textFieldPaths {
		out[i] = sql.NullString{String: vals[i], Valid: doc.Has(path)}
	}
	return out
}

// storedTextSQL selects the stored current text of article p.id (the
// edited one, else the original), for scanRow.
const storedTextSQL = `(SELECT coalesce(t.current, t.original) FROM article_text t WHERE t.article_id = p.id)`

// fillTextFields sets r's Excerpt, AmpWebURL and CdnAmpWebURL from its
// stored text (nil: left empty). A text that does not decompress or parse
// leaves them empty too, so that one damaged article does not fail the
// page holding it (Check reports it).
func (r *Row) fillTextFields(stored []byte) {
	if stored == nil {
		return
	}
	if v, ok := storedTextFields(stored); ok {
		r.Excerpt, r.AmpWebURL, r.CdnAmpWebURL = v[0].String, v[1].String, v[2].String
	}
}

// storedTextFields returns textFieldValues of a stored text; ok is false
// when it does not decompress or parse.
func storedTextFields(stored []byte) (v [len(textFieldPaths)]sql.NullString, ok bool) {
	text, err := loadText(stored)
	if err != nil {
		return v, false
	}
	if v, ok := scanTextFields(text); ok {
		return v, true
	}
	doc, err := seedfile.Parse(text)
	if err != nil {
		return v, false
	}
	return textFieldValues(doc), true
}

// scanTextFields reads textFieldPaths from a front matter written the way
// seed files are (each of them a double-quoted one-line string without
// escapes), without parsing the YAML: a parse costs several times the
// decompression, and a page of rows or a sort by one of these fields does
// this per article. ok is false, and the caller parses, for anything
// else: a BOM, CRs, a document marker other than the closing ---, a
// top-level line that is not a plain key, a quoted value or a flow
// collection not closed on its line, one of the fields written otherwise or twice.
// TestScanTextFieldsAgreesWithParse checks it against the parser.
func scanTextFields(text []byte) (v [len(textFieldPaths)]sql.NullString, ok bool) {
	rest, found := bytes.CutPrefix(text, []byte("---\n"))
	if !found {
		return v, false
	}
	for len(rest) > 0 {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		if bytes.IndexByte(line, '\r') >= 0 {
			return v, false
		}
		if len(line) == 0 || line[0] == ' ' || line[0] == '#' {
			continue
		}
		if bytes.HasPrefix(line, []byte("---")) || bytes.HasPrefix(line, []byte("...")) {
			return v, string(line) == "---"
		}
		if line[0] == '-' {
			if bytes.ContainsAny(line, "\"'") {
				return v, false
			}
			continue
		}
		key, value, ok := cutPlainKey(line)
		if !ok {
			return v, false
		}
		if len(value) > 0 && (value[0] == '"' || value[0] == '\'') {
			q := value[0]
			if len(value) < 2 || value[len(value)-1] != q || bytes.IndexByte(value[1:len(value)-1], q) >= 0 ||
				(q == '"' && bytes.IndexByte(value, '\\') >= 0) {
				return v, false
			}
		}
		if len(value) > 0 && (value[0] == '[' && value[len(value)-1] != ']' || value[0] == '{' && value[len(value)-1] != '}') {
			return v, false // a flow collection going on over lines
		}
		for i, path := range textFieldPaths {
			if key != path {
				continue
			}
			if v[i].Valid || len(value) < 2 || value[0] != '"' {
				return v, false
			}
			v[i] = sql.NullString{String: string(value[1 : len(value)-1]), Valid: true}
		}
	}
	return v, false // no closing ---
}

// cutPlainKey splits a top-level "key: value" line whose key is a plain
// word; ok is false for anything else.
func cutPlainKey(line []byte) (key string, value []byte, ok bool) {
	colon := bytes.IndexByte(line, ':')
	if colon <= 0 {
		return "", nil, false
	}
	for i, c := range line[:colon] {
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9') {
			return "", nil, false
		}
	}
	value = line[colon+1:]
	if len(value) > 0 && value[0] != ' ' {
		return "", nil, false
	}
	return string(line[:colon]), bytes.Trim(value, " "), true
}

// excerptSQL is the whole excerpt of article a read from its text
// (textFieldPaths[0]): NULL when the text does not hold it.
const excerptSQL = `seed_field((SELECT coalesce(t.current, t.original) FROM article_text t
		WHERE t.article_id = a.id), 0)`

// excerptTieSQL orders the articles whose excerpt_key is the same
// (ignoring case) by their whole excerpt; an article whose excerpt_key no
// other shares needs no second key, so it gets none, for the price of an
// index probe instead of a decompression (a sort by the excerpt that reads
// every article: the ids of the result).
var excerptTieSQL = `CASE WHEN EXISTS (SELECT 1 FROM article b INDEXED BY article_excerpt_key
		WHERE b.excerpt_key = a.excerpt_key COLLATE NOCASE AND b.id <> a.id)
	THEN ` + excerptSQL + ` END COLLATE NOCASE`

// The SQL function seed_field(stored, i) is the text field at index i of
// textFieldPaths in the stored text: NULL when the text does not hold it
// or does not parse (a damaged text sorts with the missing values; Check
// reports it).
func init() {
	err := sqlite.RegisterDeterministicScalarFunction("seed_field", 2, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		stored, ok := args[0].([]byte)
		i, ok2 := args[1].(int64)
		if !ok || !ok2 || i < 0 || int(i) >= len(textFieldPaths) {
			return nil, nil
		}
		if v, ok := storedTextFields(stored); ok && v[i].Valid {
			return v[i].String, nil
		}
		return nil, nil
	})
	if err != nil {
		panic(fmt.Sprintf("storage: register seed_field: %v", err))
	}
}
