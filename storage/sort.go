package storage

import (
	"fmt"
	"sort"
	"strings"
)

// sortKey is a sortable field: its SQL expression over alias a.
type sortKey struct {
	expr string
}

// sortKeys maps the field paths (and short aliases) ListOptions.Sort takes to
// SQL. Text sorts ignore case.
var sortKeys = map[string]sortKey{
	"id":                {"a.id"},
	"file":              {"a.file COLLATE NOCASE"},
	"title":             {"a.title COLLATE NOCASE"},
	"category":          {"a.category COLLATE NOCASE"},
	"type":              {"a.type COLLATE NOCASE"},
	"quality":           {"a.quality"},
	"heat":              {"a.heat"},
	"published":         {"a.published"},
	"publishedDateTime": {"a.published_at"},
	"date":              {"a.published_at"},
	"provider.name":     {"a.provider_name COLLATE NOCASE"},
	"provider":          {"a.provider_name COLLATE NOCASE"},
	"provider.domain":   {"a.provider_domain COLLATE NOCASE"},
	"domain":            {"a.provider_domain COLLATE NOCASE"},
	"webUrl":            {"a.web_url COLLATE NOCASE"},
	"ampWebUrl":         {"a.amp_web_url COLLATE NOCASE"},
	"cdnAmpWebUrl":      {"a.cdn_amp_web_url COLLATE NOCASE"},
	"excerpt":           {"a.excerpt COLLATE NOCASE"},
	"imageCount":        {"a.image_count"},
	"images":            {"a.image_count"},
	"relatedCount":      {"a.related_count"},
	"topics":            {"NULLIF(a.topics, '') COLLATE NOCASE"},
	"edited":            {"a.edited"},
	"hasBody":           {"a.has_body"},
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

// orderBy compiles a sort ("title", "-quality"; "" = id) to an ORDER BY
// clause: missing values (NULL) last in both directions, and id as the last
// key, in the same direction, so pages are stable. reverse gives the exact
// reverse of that order (missing values first, then the rest backwards).
func orderBy(spec string, reverse bool) (string, error) {
	field := strings.TrimSpace(spec)
	dir := "ASC"
	if rest, ok := strings.CutPrefix(field, "-"); ok {
		field, dir = strings.TrimSpace(rest), "DESC"
	} else if rest, ok := strings.CutPrefix(field, "+"); ok {
		field = strings.TrimSpace(rest)
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
	return fmt.Sprintf(" ORDER BY %s %s NULLS %s, a.id %s", key.expr, dir, nulls, dir), nil
}
