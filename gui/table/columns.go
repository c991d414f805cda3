package table

import (
	"database/sql"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

// EditKind says whether and how a column is edited in its cell.
type EditKind int

const (
	EditNone EditKind = iota // read-only
	EditText                 // an entry; the value goes through seedfile.ParseValue
	EditBool                 // toggled in place
)

// Column is one column the article table can show.
type Column struct {
	Key   string // field path (seedfile.Fields), or "images" / "file"
	Label string
	Width float32 // default width
	Edit  EditKind
	Align fyne.TextAlign
	Value func(r *storage.Row) string // the cell's text
	// FromText marks a value read from the article's stored text
	// (Row.Excerpt, AmpWebURL, CdnAmpWebURL), which the pager reads only
	// while such a column is shown (Pager.SetTextFields).
	FromText bool
}

// DefaultColumns are the columns a new installation shows, in order: the
// ones a curator sorts and edits by, few enough that from 1280 px up they
// show beside a roomy title without a horizontal scrollbar
// (TestDefaultColumnsFitFrom1280 in package gui). Type, heat, topics and
// images are a right click on the header away; the facets count topics and
// types.
var DefaultColumns = []string{
	"title", "provider.name", "publishedDateTime", "category", "quality", "published",
}

// columnLabels are the table's shorter headers for fields whose label is
// long or reads like another column's ("Published at" beside "Published").
var columnLabels = map[string]string{"publishedDateTime": "Date"}

// editableFields are the fields edited in their cells.
var editableFields = map[string]EditKind{
	"title": EditText, "category": EditText, "quality": EditText, "heat": EditText,
	"published": EditBool,
}

// GitColumn is the key of the column showing a linked file's git status.
const GitColumn = "git"

// AllColumns lists every column the chooser offers: each known field that the
// table rows carry (secured is opaque and not listed), plus image count,
// file, location (the linked folder's name, or "archive") and the file's
// git status (empty when clean or not in git).
func AllColumns() []Column {
	var cols []Column
	for _, f := range seedfile.Fields {
		if v := rowValue(f.Path); v != nil {
			label := f.Label
			if l, ok := columnLabels[f.Path]; ok {
				label = l
			}
			cols = append(cols, newColumn(f.Path, label, f.Kind, v))
		}
	}
	cols = append(cols,
		newColumn("images", "Images", seedfile.KindInt, func(r *storage.Row) string { return strconv.Itoa(r.ImageCount) }),
		newColumn("file", "File", seedfile.KindString, func(r *storage.Row) string { return r.File }),
		newColumn("location", "Location", seedfile.KindString, func(r *storage.Row) string { return r.Location() }),
		newColumn(GitColumn, "Git", seedfile.KindString, func(r *storage.Row) string { return r.Git }),
	)
	return cols
}

func newColumn(key, label string, kind seedfile.Kind, value func(*storage.Row) string) Column {
	// The widths fit the values a column usually holds; a header that
	// needs more widens its column (Table.headerNeed).
	c := Column{Key: key, Label: label, Value: value, Edit: editableFields[key], Width: 100}
	c.FromText = key == "excerpt" || key == "ampWebUrl" || key == "cdnAmpWebUrl"
	switch kind {
	case seedfile.KindInt, seedfile.KindRelated:
		c.Width, c.Align = 60, fyne.TextAlignTrailing
	case seedfile.KindBool:
		c.Width, c.Align = 60, fyne.TextAlignCenter
	case seedfile.KindTime:
		c.Width = 90 // a date: the editor shows the time
	case seedfile.KindText, seedfile.KindURL:
		c.Width = 240
	}
	switch key {
	case "title":
		c.Width = 220 // the table gives it the width the others leave
	case "provider.name":
		c.Width = 120
	case "category":
		c.Width = 80
	case "type":
		c.Width = 70
	case "topics":
		c.Width = 150
	case "file":
		c.Width = 170
	case "location":
		c.Width = 110
	case GitColumn:
		c.Width = 84 // "conflicted"
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
		return func(r *storage.Row) string { return formatDay(r.PublishedAt) }
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

// ColumnsByKey indexes columns by key.
func ColumnsByKey(cols []Column) map[string]Column {
	m := make(map[string]Column, len(cols))
	for _, c := range cols {
		m[c.Key] = c
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

// formatDay shows a stored RFC 3339 UTC time as its local day, "2006-01-02".
func formatDay(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.Local().Format("2006-01-02")
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

// sortNames maps the columns whose storage sort name
// (storage.ListOptions.Sort) differs from their key.
var sortNames = map[string]string{"related": "relatedCount"}

// SortName is the storage sort name of the column key.
func SortName(key string) string {
	if n, ok := sortNames[key]; ok {
		return n
	}
	return key
}

// SortKey is the column key of a storage sort name (SortName's inverse).
func SortKey(name string) string {
	for key, n := range sortNames {
		if n == name {
			return key
		}
	}
	return name
}
