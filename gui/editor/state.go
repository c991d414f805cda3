package editor

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// state is everything the user can edit, as the text the widgets show. A
// state is a value: undo keeps copies of it.
type state struct {
	fields  map[string]string // scalar top-level fields by path
	topics  []string
	related []relState
	extra   string // unknown fields as YAML
	body    string
}

// relState is one related article: key identifies it across edits (its
// index shifts as others are removed), fields holds its scalars by
// RelatedFields path.
type relState struct {
	key    int
	fields map[string]string
}

func (s state) clone() state {
	c := s
	c.fields = maps.Clone(s.fields)
	c.topics = slices.Clone(s.topics)
	c.related = make([]relState, len(s.related))
	for i, r := range s.related {
		c.related[i] = relState{key: r.key, fields: maps.Clone(r.fields)}
	}
	return c
}

func (s state) equal(o state) bool {
	return maps.Equal(s.fields, o.fields) && slices.Equal(s.topics, o.topics) &&
		s.extra == o.extra && s.body == o.body &&
		slices.EqualFunc(s.related, o.related, func(a, b relState) bool {
			return a.key == b.key && maps.Equal(a.fields, b.fields)
		})
}

// relIndex returns the position of the related entry with key, or -1.
func (s state) relIndex(key int) int {
	return slices.IndexFunc(s.related, func(r relState) bool { return r.key == key })
}

// scalarFields are the top-level fields edited as text (or a check box).
var scalarFields = func() []seedfile.Field {
	var out []seedfile.Field
	for _, f := range seedfile.Fields {
		switch f.Kind {
		case seedfile.KindStringList, seedfile.KindRelated, seedfile.KindOpaque:
		default:
			out = append(out, f)
		}
	}
	return out
}()

// stateOf reads the editable state of doc; related entries get keys from
// firstKey on.
func stateOf(doc *seedfile.Document, firstKey int) state {
	a := doc.Article()
	raw := rawFrontMatter(doc)
	s := state{
		fields: make(map[string]string, len(scalarFields)),
		topics: doc.ListItems("topics"), // a single string is a topic too
		extra:  doc.Extra(),
		body:   a.Body,
	}
	for _, f := range scalarFields {
		s.fields[f.Path] = textOf(doc, raw, f.Path, f.Kind, articleValue(a, f.Path))
	}
	for i, r := range a.Related {
		rs := relState{key: firstKey + i, fields: make(map[string]string, len(seedfile.RelatedFields))}
		for _, f := range seedfile.RelatedFields {
			rs.fields[f.Path] = textOf(doc, raw, relPath(i, f.Path), f.Kind, relatedValue(r, f.Path))
		}
		s.related = append(s.related, rs)
	}
	return s
}

// relPath is the document path of field in the i-th related entry.
func relPath(i int, field string) string {
	return "related." + strconv.Itoa(i) + "." + field
}

// textOf renders a typed value as the text its widget shows: "" when the
// document does not hold path. A number shows as written, so that a value
// the typed view cannot read (quality: high) is not shown as 0.
func textOf(doc *seedfile.Document, raw *yaml.Node, path string, kind seedfile.Kind, v any) string {
	if !doc.Has(path) {
		return ""
	}
	if kind == seedfile.KindInt {
		if n := lookupNode(raw, path); n != nil && n.Kind == yaml.ScalarNode {
			return n.Value
		}
	}
	switch x := v.(type) {
	case int:
		return strconv.Itoa(x)
	case bool:
		return strconv.FormatBool(x)
	case string:
		return x
	}
	return ""
}

// rawFrontMatter parses the front matter as YAML nodes, nil if it cannot.
func rawFrontMatter(doc *seedfile.Document) *yaml.Node {
	var n yaml.Node
	if err := yaml.Unmarshal(doc.FrontMatter(), &n); err != nil || len(n.Content) == 0 {
		return nil
	}
	return n.Content[0]
}

// lookupNode resolves a dotted path in a YAML node tree, or returns nil.
func lookupNode(n *yaml.Node, path string) *yaml.Node {
	for _, seg := range strings.Split(path, ".") {
		switch {
		case n == nil:
			return nil
		case n.Kind == yaml.MappingNode:
			var next *yaml.Node
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == seg {
					next = n.Content[i+1]
				}
			}
			n = next
		case n.Kind == yaml.SequenceNode:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(n.Content) {
				return nil
			}
			n = n.Content[i]
		default:
			return nil
		}
	}
	return n
}

// articleValue returns the typed value of a scalar top-level field.
func articleValue(a seedfile.Article, path string) any {
	switch path {
	case "category":
		return a.Category
	case "title":
		return a.Title
	case "excerpt":
		return a.Excerpt
	case "publishedDateTime":
		return a.PublishedDateTime
	case "webUrl":
		return a.WebURL
	case "ampWebUrl":
		return a.AmpWebURL
	case "cdnAmpWebUrl":
		return a.CdnAmpWebURL
	case "type":
		return a.Type
	case "quality":
		return a.Quality
	case "heat":
		return a.Heat
	case "published":
		return a.Published
	case "provider.name":
		return a.Provider.Name
	case "provider.domain":
		return a.Provider.Domain
	}
	return ""
}

// relatedValue returns the typed value of a related article's field.
func relatedValue(r seedfile.Related, path string) any {
	switch path {
	case "title":
		return r.Title
	case "excerpt":
		return r.Excerpt
	case "publishedDateTime":
		return r.PublishedDateTime
	case "webUrl":
		return r.WebURL
	case "type":
		return r.Type
	case "provider.name":
		return r.Provider.Name
	case "provider.domain":
		return r.Provider.Domain
	case "quality":
		return r.Quality
	}
	return ""
}
