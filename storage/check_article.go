package storage

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"reflect"
	"strings"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// storedColumns reads what the archive stored about an article (alias a):
// the typed columns and its child rows as JSON arrays, for storedArticle.
const storedColumns = `a.id, a.file, lower(hex(a.sha256)), lower(hex(a.content_key)), a.edited, a.category, a.title, a.excerpt_key,
	a.published_at, a.web_url, a.type, a.quality, a.heat, a.published,
	a.provider_name, a.provider_domain, a.topics, a.image_count, a.related_count, a.has_body,
	(SELECT json_group_array(json_array(position, name) ORDER BY position)
		FROM article_topic WHERE article_id = a.id),
	(SELECT json_group_array(json_array(position, url, width, height, source) ORDER BY position)
		FROM article_image WHERE article_id = a.id)`

// storedArticle is one article's row of storedColumns.
type storedArticle struct {
	id                                       int64
	file, sha256, contentKey                 string
	edited                                   bool
	category, title, excerptKey, publishedAt sql.NullString
	webURL, typ                              sql.NullString
	quality, heat, published                 sql.NullInt64
	providerName, providerDomain             sql.NullString
	topics                                   string
	imageCount, relatedCount                 int
	hasBody                                  bool
	topicRows, imageRows                     string
}

func (s *storedArticle) dest() []any {
	return []any{&s.id, &s.file, &s.sha256, &s.contentKey, &s.edited, &s.category, &s.title, &s.excerptKey,
		&s.publishedAt, &s.webURL, &s.typ, &s.quality, &s.heat, &s.published,
		&s.providerName, &s.providerDomain, &s.topics, &s.imageCount, &s.relatedCount, &s.hasBody,
		&s.topicRows, &s.imageRows}
}

// verifyArticle checks one article's texts against its checksum, the codec
// and everything derived from them.
func verifyArticle(j checkJob, p *problems) {
	s := &j.stored
	add := func(format string, args ...any) {
		p.add(s.id, "article %d (%s): "+format, append([]any{s.id, s.file}, args...)...)
	}
	if !j.inFTS {
		add("no full-text row")
	}
	if !j.hasText {
		add("no stored text")
		return
	}
	var err error
	if j.original, err = loadText(j.original); err != nil {
		add("the original: %v", err)
		return
	}
	if j.current, err = loadText(j.current); err != nil {
		add("the edited text: %v", err)
		return
	}
	if sha256Hex(j.original) != s.sha256 {
		add("the original's SHA-256 does not match: the stored bytes changed")
	}
	doc, err := seedfile.Parse(j.original)
	if err != nil {
		add("the original does not parse: %v", err)
	}
	if j.current != nil {
		if bytes.Equal(j.current, j.original) {
			add("the edited text equals the original")
		}
		if doc, err = seedfile.Parse(j.current); err != nil {
			add("the edited text does not parse: %v", err)
		}
	}
	if s.edited != (j.current != nil) {
		add("edited is %v but the article %s an edited text", s.edited, map[bool]string{true: "has", false: "has no"}[j.current != nil])
	}
	if doc == nil {
		return
	}
	ix := derive(doc)
	for _, err := range ix.invalid {
		p.warn(s.id, "article %d (%s): %v", s.id, s.file, err)
	}
	for _, c := range []struct {
		name           string
		stored, wanted any
	}{
		{"content_key", s.contentKey, ix.contentKey},
		{"category", s.category, ix.category},
		{"title", s.title, ix.title},
		{"excerpt_key", s.excerptKey, ix.excerptKey},
		{"published_at", s.publishedAt, ix.publishedAt},
		{"web_url", s.webURL, ix.webURL},
		{"type", s.typ, ix.typ},
		{"quality", s.quality, ix.quality},
		{"heat", s.heat, ix.heat},
		{"published", s.published, ix.published},
		{"provider_name", s.providerName, ix.providerName},
		{"provider_domain", s.providerDomain, ix.providerDomain},
		{"topics", s.topics, strings.Join(ix.topics, topicSep)},
		{"image_count", s.imageCount, len(ix.images)},
		{"related_count", s.relatedCount, len(ix.related)},
		{"has_body", s.hasBody, ix.hasBody},
	} {
		if c.stored != c.wanted {
			add("column %s is %s, the text gives %s", c.name, show(c.stored), show(c.wanted))
		}
	}
	topics := []any{}
	for _, t := range ix.topicRows {
		topics = append(topics, []any{float64(t.position), t.name})
	}
	images := []any{}
	for i, im := range ix.images {
		images = append(images, []any{float64(i), im.url, jsonValue(im.width), jsonValue(im.height), im.source})
	}
	for _, c := range []struct {
		table  string
		stored string
		wanted []any
	}{
		{"article_topic", s.topicRows, topics},
		{"article_image", s.imageRows, images},
	} {
		var got []any
		if err := json.Unmarshal([]byte(c.stored), &got); err != nil {
			add("%s rows unreadable: %v", c.table, err)
			continue
		}
		if got == nil {
			got = []any{}
		}
		if !reflect.DeepEqual(got, c.wanted) {
			add("%s rows do not match the text: stored %s, the text gives %s", c.table, show(c.stored), show(mustJSON(c.wanted)))
		}
	}
}

// jsonValue is a nullable column value as encoding/json decodes it.
func jsonValue(v any) any {
	switch v := v.(type) {
	case sql.NullString:
		if v.Valid {
			return v.String
		}
	case sql.NullInt64:
		if v.Valid {
			return float64(v.Int64)
		}
	}
	return nil
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	return string(b)
}
