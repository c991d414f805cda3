package storage

import (
	"fmt"
	"sort"
	"strings"
)

// sortKey is a sortable field: its SQL expression over alias a, then (when
// set) the expression that orders the rows expr leaves tied, and index,
// the index a sort of every article reads (selectSQL names it: the planner
// would rather sort the whole table than read it in the order of its first
// key).
type sortKey struct {
	expr, then, index string
}

// sortKeys maps the field paths (and short aliases) ListOptions.Sort takes to
// SQL. Text sorts ignore case.
var sortKeys = map[string]sortKey{
	"id":                {expr: "a.id"},
	"file":              {expr: "a.file COLLATE NOCASE"},
	"title":             {expr: "a.title COLLATE NOCASE"},
	"category":          {expr: "a.category COLLATE NOCASE"},
	"type":              {expr: "a.type COLLATE NOCASE"},
	"quality":           {expr: "a.quality"},
	"heat":              {expr: "a.heat"},
	"published":         {expr: "a.published"},
	"publishedDateTime": {expr: "a.published_at"},
	"date":              {expr: "a.published_at"},
	"provider.name":     {expr: "a.provider_name COLLATE NOCASE"},
	"provider":          {expr: "a.provider_name COLLATE NOCASE"},
	"provider.domain":   {expr: "a.provider_domain COLLATE NOCASE"},
	"domain":            {expr: "a.provider_domain COLLATE NOCASE"},
	"webUrl":            {expr: "a.web_url COLLATE NOCASE"},
	// Read from the text (textfields.go): the excerpt by its indexed
	// first characters, then the whole excerpt for the rows read. The AMP
	// URLs are not sortable: they live only in the text, so their order
	// would decompress every matching article's text (a minute at
	// 1,000,000), and no index key shorter than the URL orders them.
	"excerpt":      {expr: "a.excerpt_key COLLATE NOCASE", then: excerptTieSQL, index: "article_excerpt_key"},
	"imageCount":   {expr: "a.image_count"},
	"images":       {expr: "a.image_count"},
	"relatedCount": {expr: "a.related_count"},
	"topics":       {expr: "NULLIF(a.topics, '') COLLATE NOCASE"},
	"edited":       {expr: "a.edited"},
	"hasBody":      {expr: "a.has_body"},
	// The git status (changed files first: clean ones have no row, NULL)
	// and the linked folder (imported articles last), looked up per row:
	// not indexed, so a sort by them reads every matching row.
	"git":      {expr: "(SELECT g.state FROM git_status g WHERE g.article_id = a.id)"},
	"location": {expr: "(SELECT f.path FROM linked_file l JOIN linked_folder f ON f.id = l.folder_id WHERE l.article_id = a.id)"},
}

// SortFields lists, sorted, the names ListOptions.Sort accepts (without the "-").
func SortFields() []string {
	out := make([]string, 0, len(sortKeys))
	for k := range sortKeys {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Sortable reports whether ListOptions.Sort takes spec: a sort field of
// SortFields, or "" (id order), with or without a leading "-" or "+".
func Sortable(spec string) bool {
	_, err := orderBy(spec, false)
	return err == nil
}

// sortIndex is the index sortKey names for spec ("" for none).
func sortIndex(spec string) string {
	field, _ := sortField(spec)
	return sortKeys[field].index
}

// sortField splits a sort spec ("title", "-quality", "+date", "") into its
// field ("" for id order) and whether it is descending.
func sortField(spec string) (field string, desc bool) {
	field = strings.TrimSpace(spec)
	if rest, ok := strings.CutPrefix(field, "-"); ok {
		return strings.TrimSpace(rest), true
	}
	if rest, ok := strings.CutPrefix(field, "+"); ok {
		return strings.TrimSpace(rest), false
	}
	return field, false
}

// orderBy compiles a sort ("title", "-quality"; "" = id) to an ORDER BY
// clause: missing values (NULL) last in both directions, and id as the last
// key, in the same direction, so pages are stable. reverse gives the exact
// reverse of that order (missing values first, then the rest backwards).
func orderBy(spec string, reverse bool) (string, error) {
	field, desc := sortField(spec)
	dir := "ASC"
	if desc {
		dir = "DESC"
	}
	if field == "" {
		field = "id"
	}
	key, ok := sortKeys[field]
	if !ok {
		return "", fmt.Errorf("unknown sort field %q", field)
	}
	nulls := "LAST"
	if reverse {
		dir = map[string]string{"ASC": "DESC", "DESC": "ASC"}[dir]
		nulls = "FIRST"
	}
	if key.expr == "a.id" {
		return " ORDER BY a.id " + dir, nil
	}
	then := ""
	if key.then != "" {
		then = fmt.Sprintf(" %s %s NULLS %s,", key.then, dir, nulls)
	}
	return fmt.Sprintf(" ORDER BY %s %s NULLS %s,%s a.id %s", key.expr, dir, nulls, then, dir), nil
}
