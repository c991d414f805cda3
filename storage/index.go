package storage

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// topicSep joins topic names in article.topics.
const topicSep = "\x1f"

// publishedLayout is the normalized form of published_at columns.
const publishedLayout = "2006-01-02T15:04:05Z"

// stampLayout is the form of imported_at and updated_at.
const stampLayout = time.RFC3339Nano

// indexed is everything the archive derives from one article's text: the
// typed columns, the child rows and the full-text row. Check re-derives it
// and compares.
type indexed struct {
	contentKey     string
	category       sql.NullString
	title          sql.NullString
	excerptKey     sql.NullString // excerptKeyOf the excerpt, for its sort
	publishedAt    sql.NullString
	webURL         sql.NullString
	typ            sql.NullString
	quality        sql.NullInt64
	heat           sql.NullInt64
	published      sql.NullInt64
	providerName   sql.NullString
	providerDomain sql.NullString
	topics         []string   // as written, for article.topics and the full text
	topicRows      []topicRow // article_topic: each name once (case-insensitively), first position kept
	related        []relatedRow
	images         []imageRow
	hasBody        bool
	fts            ftsRow
	invalid        []error // number fields holding no number (quality: high), for Check's warnings
}

// topicRow is one row of the article_topic table.
type topicRow struct {
	position int
	name     string
}

// relatedRow is one related article as derived from the text: counted in
// article.related_count, and checked for numbers that are no numbers.
type relatedRow struct {
	title, excerpt, publishedAt, webURL, typ, providerName, providerDomain sql.NullString
	quality                                                                sql.NullInt64
}

// imageRow is one row of the article_image table.
type imageRow struct {
	url           string
	width, height sql.NullInt64
	source        string
}

// ftsRow is the article's row in article_fts.
type ftsRow struct {
	title, excerpt, body, provider, topics string
}

// derive computes the index of a document from its typed view. A field the
// front matter does not hold is NULL; a string field it holds with a value
// of the wrong type reads as "" (seedfile's Article is lenient). A number
// field (quality, heat) holding no whole number (high, 1e99, null) is NULL,
// so that it neither sorts nor filters as 0; ix.invalid says why.
func derive(doc *seedfile.Document) indexed {
	art := doc.Article()
	str := func(path, v string) sql.NullString {
		return sql.NullString{String: v, Valid: doc.Has(path)}
	}
	var invalid []error
	num := func(path string) sql.NullInt64 {
		v, ok, err := doc.Int(path)
		if err != nil {
			invalid = append(invalid, KeptAsNoValue(err))
		}
		return sql.NullInt64{Int64: v, Valid: ok}
	}
	flag := func(path string, v int) sql.NullInt64 {
		return sql.NullInt64{Int64: int64(v), Valid: doc.Has(path)}
	}
	ix := indexed{
		contentKey:     ContentKey(doc.Bytes()),
		category:       str("category", art.Category),
		title:          str("title", art.Title),
		excerptKey:     excerptKeyOf(str("excerpt", art.Excerpt)),
		publishedAt:    normalizeTime(art.PublishedDateTime),
		webURL:         str("webUrl", art.WebURL),
		typ:            str("type", art.Type),
		quality:        num("quality"),
		heat:           num("heat"),
		published:      flag("published", flag01(art.Published)),
		providerName:   str("provider.name", art.Provider.Name),
		providerDomain: str("provider.domain", art.Provider.Domain),
		topics:         art.Topics,
		hasBody:        strings.TrimSpace(art.Body) != "",
	}
	seen := map[string]bool{}
	for i, name := range art.Topics {
		if key := foldASCIICase(name); !seen[key] {
			seen[key] = true
			ix.topicRows = append(ix.topicRows, topicRow{i, name})
		}
	}
	for i, r := range art.Related {
		p := "related." + strconv.Itoa(i) + "."
		ix.related = append(ix.related, relatedRow{
			title:          str(p+"title", r.Title),
			excerpt:        str(p+"excerpt", r.Excerpt),
			publishedAt:    normalizeTime(r.PublishedDateTime),
			webURL:         str(p+"webUrl", r.WebURL),
			typ:            str(p+"type", r.Type),
			providerName:   str(p+"provider.name", r.Provider.Name),
			providerDomain: str(p+"provider.domain", r.Provider.Domain),
			quality:        num(p + "quality"),
		})
	}
	for _, im := range doc.Images() {
		ix.images = append(ix.images, imageRow{
			url:    im.URL,
			width:  sql.NullInt64{Int64: int64(im.Width), Valid: im.Width != 0},
			height: sql.NullInt64{Int64: int64(im.Height), Valid: im.Height != 0},
			source: im.Path,
		})
	}
	ix.invalid = invalid
	ix.fts = ftsRow{
		title:    art.Title,
		excerpt:  art.Excerpt,
		body:     art.Body,
		provider: strings.TrimSpace(art.Provider.Name + " " + art.Provider.Domain),
		topics:   strings.Join(art.Topics, " "),
	}
	return ix
}

// KeptAsNoValue is the message for a number field the archive keeps as no
// value; why is seedfile.Document.Int's error (quality holds "80", not a
// whole number). Check warns with it and the editor shows it under the
// field, so that both say the same of the same value.
func KeptAsNoValue(why error) error {
	return fmt.Errorf("%w: it is kept as no value", why)
}

// normalizeTime converts a written timestamp to UTC "2006-01-02T15:04:05Z";
// NULL when it is empty or not a timestamp. Besides RFC 3339 it accepts the
// other forms YAML timestamps take (a space for the T, no zone meaning UTC,
// a date alone).
func normalizeTime(s string) sql.NullString {
	s = strings.TrimSpace(s)
	if s == "" {
		return sql.NullString{}
	}
	for _, layout := range []string{
		time.RFC3339Nano,
		"2006-01-02T15:04:05.999999999",
		"2006-01-02 15:04:05.999999999Z07:00",
		"2006-01-02 15:04:05.999999999 Z07:00",
		"2006-01-02 15:04:05.999999999",
		"2006-01-02",
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return sql.NullString{String: t.UTC().Format(publishedLayout), Valid: true}
		}
	}
	return sql.NullString{}
}

// foldASCIICase lowers ASCII letters only, as SQLite's NOCASE collation does.
func foldASCIICase(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// flag01 is 1 for true, 0 for false.
func flag01(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ContentKey is the hex SHA-256 that identifies a text for duplicate
// detection. It ignores what an editor or a transfer may change without
// changing the article: a UTF-8 byte order mark, CRLF or CR line endings,
// and trailing white space at the end of the text.
func ContentKey(text []byte) string {
	text = trimBOM(text)
	h := sha256.New()
	start := 0
	end := len(text)
	for end > 0 && isSpace(text[end-1]) {
		end--
	}
	text = text[:end]
	for i := 0; i < len(text); i++ {
		if text[i] != '\r' {
			continue
		}
		h.Write(text[start:i])
		h.Write([]byte{'\n'})
		if i+1 < len(text) && text[i+1] == '\n' {
			i++
		}
		start = i + 1
	}
	h.Write(text[start:])
	return hex.EncodeToString(h.Sum(nil))
}

func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// sha256Hex is the hex SHA-256 of b (article.sha256 of the original).
func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
