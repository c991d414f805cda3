package gui

import (
	"database/sql"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

// editKind says whether and how a column is edited in its cell.
type editKind int

const (
	editNone editKind = iota // read-only
	editText                 // an entry; the value goes through seedfile.ParseValue
	editBool                 // toggled in place
)

// column is one column the article table can show.
type column struct {
	key   string // field path (seedfile.Fields), or "images" / "file"
	label string
	width float32 // default width
	edit  editKind
	align fyne.TextAlign
	value func(r *storage.Row) string
}

// defaultColumns are the columns a new installation shows, in order.
var defaultColumns = []string{
	"title", "provider.name", "publishedDateTime", "category", "type",
	"quality", "heat", "published", "topics", "images",
}

// editableFields are the fields edited in their cells.
var editableFields = map[string]editKind{
	"title": editText, "category": editText, "quality": editText, "heat": editText,
	"published": editBool,
}

// allColumns lists every column the chooser offers: each known field that the
// table rows carry (secured is opaque and not listed), plus image count,
// file, location (the linked folder's name, or "archive") and the file's
// git status (empty when clean or not in git).
func allColumns() []column {
	var cols []column
	for _, f := range seedfile.Fields {
		if v := rowValue(f.Path); v != nil {
			cols = append(cols, newColumn(f.Path, f.Label, f.Kind, v))
		}
	}
	cols = append(cols,
		newColumn("images", "Images", seedfile.KindInt, func(r *storage.Row) string { return strconv.Itoa(r.ImageCount) }),
		newColumn("file", "File", seedfile.KindString, func(r *storage.Row) string { return r.File }),
		newColumn("location", "Location", seedfile.KindString, func(r *storage.Row) string { return r.Location() }),
		newColumn(gitColumn, "Git", seedfile.KindString, func(r *storage.Row) string { return r.Git }),
	)
	return cols
}

func newColumn(key, label string, kind seedfile.Kind, value func(*storage.Row) string) column {
	c := column{key: key, label: label, value: value, edit: editableFields[key], width: 100}
	switch kind {
	case seedfile.KindInt, seedfile.KindRelated:
		c.width, c.align = 70, fyne.TextAlignTrailing
	case seedfile.KindBool:
		c.width, c.align = 80, fyne.TextAlignCenter
	case seedfile.KindTime:
		c.width = 130
	case seedfile.KindText, seedfile.KindURL:
		c.width = 240
	}
	switch key {
	case "title":
		c.width = 220 // the table gives it the width the others leave (see fillTitle)
	case "provider.name":
		c.width = 130
	case "type":
		c.width = 76
	case "topics":
		c.width = 150
	case "file":
		c.width = 170
	case "location":
		c.width = 110
	case gitColumn:
		c.width = 84 // "conflicted"
	}
	return c
}

// rowValue returns how a table row shows a field, nil for fields rows lack.
func rowValue(path string) func(*storage.Row) string {
	switch path {
	case "category":
		return func(r *storage.Row) string { return r.Category }
	case "title":
		return func(r *storage.Row) string { return r.Title }
	case "excerpt":
		return func(r *storage.Row) string { return oneLine(r.Excerpt) }
	case "publishedDateTime":
		return func(r *storage.Row) string { return formatDate(r.PublishedAt) }
	case "webUrl":
		return func(r *storage.Row) string { return r.WebURL }
	case "ampWebUrl":
		return func(r *storage.Row) string { return r.AmpWebURL }
	case "cdnAmpWebUrl":
		return func(r *storage.Row) string { return r.CdnAmpWebURL }
	case "type":
		return func(r *storage.Row) string { return r.Type }
	case "quality":
		return func(r *storage.Row) string { return formatInt(r.Quality) }
	case "heat":
		return func(r *storage.Row) string { return formatInt(r.Heat) }
	case "published":
		return func(r *storage.Row) string { return formatBool(r.Published) }
	case "provider.name":
		return func(r *storage.Row) string { return r.ProviderName }
	case "provider.domain":
		return func(r *storage.Row) string { return r.ProviderDomain }
	case "topics":
		return func(r *storage.Row) string { return strings.Join(r.Topics, ", ") }
	case "related":
		return func(r *storage.Row) string { return strconv.Itoa(r.RelatedCount) }
	}
	return nil
}

// columnsByKey indexes columns by key.
func columnsByKey(cols []column) map[string]column {
	m := make(map[string]column, len(cols))
	for _, c := range cols {
		m[c.key] = c
	}
	return m
}

// oneLine folds line breaks so multi-line text fits a table cell.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// formatDate shows a stored RFC 3339 UTC time as local "2006-01-02 15:04".
func formatDate(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.Local().Format("2006-01-02 15:04")
}

func formatInt(n sql.NullInt64) string {
	if !n.Valid {
		return ""
	}
	return strconv.FormatInt(n.Int64, 10)
}

func formatBool(b sql.NullBool) string {
	switch {
	case !b.Valid:
		return ""
	case b.Bool:
		return "Yes"
	default:
		return "No"
	}
}
