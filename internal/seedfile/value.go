package seedfile

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// mapGet returns the key and value nodes of key in mapping m.
func mapGet(m *yaml.Node, key string) (k, v *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// mapValue returns the value node of key in mapping m (the value it
// repeats for an alias), or nil.
func mapValue(m *yaml.Node, key string) *yaml.Node {
	_, v := mapGet(deref(m), key)
	return deref(v)
}

// lookup resolves a dotted path. It returns the node at the path, the key
// node naming it (nil for sequence items) and its parent collection.
func (d *Document) lookup(path string) (val, key, parent *yaml.Node) {
	if path == "" || d.root == nil {
		return nil, nil, nil
	}
	cur := d.root
	for path != "" {
		seg, rest, _ := strings.Cut(path, ".")
		path = rest
		switch cur.Kind {
		case yaml.MappingNode:
			k, v := mapGet(cur, seg)
			if k == nil {
				return nil, nil, nil
			}
			parent, key, cur = cur, k, v
		case yaml.SequenceNode:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(cur.Content) || seg != strconv.Itoa(i) {
				return nil, nil, nil
			}
			parent, key, cur = cur, nil, cur.Content[i]
		default:
			return nil, nil, nil
		}
	}
	return cur, key, parent
}

// Has reports whether the front matter holds the dotted path, e.g. "title",
// "provider.name" or "related.0.images".
func (d *Document) Has(path string) bool {
	v, _, _ := d.lookup(path)
	return v != nil
}

// isNull reports whether a node is a YAML null.
func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// str reads a scalar as a string; anything else (or null) reads as "".
func str(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode || isNull(n) {
		return ""
	}
	return n.Value
}

// integer reads an integer scalar; anything else reads as 0.
func integer(n *yaml.Node) int {
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		return 0
	}
	v := strings.TrimLeft(n.Value, "+-")
	if v == "0" || v != "" && v[0] != '0' { // no octal or hex prefix
		if i, err := strconv.Atoi(n.Value); err == nil {
			return i
		}
	}
	var i int
	if err := n.Decode(&i); err != nil {
		return 0
	}
	return i
}

// boolean reads a boolean scalar (also plain yes/no/on/off); anything else
// reads as false.
func boolean(n *yaml.Node) bool {
	if n == nil || n.Kind != yaml.ScalarNode {
		return false
	}
	if n.Tag == "!!bool" {
		b, _ := strconv.ParseBool(strings.ToLower(n.Value))
		return b
	}
	if n.Style == 0 {
		switch strings.ToLower(n.Value) {
		case "yes", "on":
			return true
		}
	}
	return false
}

// strList reads a sequence of scalars; non-scalar items are skipped.
func strList(n *yaml.Node) []string {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for _, c := range n.Content {
		if c = deref(c); c.Kind == yaml.ScalarNode && !isNull(c) {
			out = append(out, c.Value)
		}
	}
	return out
}

func provider(n *yaml.Node) Provider {
	return Provider{Name: str(mapValue(n, "name")), Domain: str(mapValue(n, "domain"))}
}

func images(n *yaml.Node) []Image {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	var out []Image
	for _, c := range n.Content {
		if c = deref(c); c.Kind != yaml.MappingNode {
			continue
		}
		out = append(out, Image{URL: str(mapValue(c, "url")), Width: integer(mapValue(c, "width")), Height: integer(mapValue(c, "height"))})
	}
	return out
}

func related(n *yaml.Node) []Related {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	var out []Related
	for _, c := range n.Content {
		if c = deref(c); c.Kind != yaml.MappingNode {
			continue
		}
		out = append(out, Related{
			Title:             str(mapValue(c, "title")),
			Excerpt:           str(mapValue(c, "excerpt")),
			PublishedDateTime: str(mapValue(c, "publishedDateTime")),
			WebURL:            str(mapValue(c, "webUrl")),
			Type:              str(mapValue(c, "type")),
			Provider:          provider(mapValue(c, "provider")),
			Quality:           integer(mapValue(c, "quality")),
			Images:            images(mapValue(c, "images")),
		})
	}
	return out
}

// Article returns the typed view of the known fields. It is lenient: a
// missing field, or a known field holding a value of the wrong type, reads as
// the zero value.
func (d *Document) Article() Article {
	a := Article{Body: d.Body()}
	m := d.root
	if m == nil {
		return a
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		v := deref(m.Content[i+1])
		switch m.Content[i].Value {
		case "category":
			a.Category = str(v)
		case "title":
			a.Title = str(v)
		case "excerpt":
			a.Excerpt = str(v)
		case "publishedDateTime":
			a.PublishedDateTime = str(v)
		case "webUrl":
			a.WebURL = str(v)
		case "ampWebUrl":
			a.AmpWebURL = str(v)
		case "cdnAmpWebUrl":
			a.CdnAmpWebURL = str(v)
		case "type":
			a.Type = str(v)
		case "quality":
			a.Quality = integer(v)
		case "heat":
			a.Heat = integer(v)
		case "published":
			a.Published = boolean(v)
		case "provider":
			a.Provider = provider(v)
		case "topics":
			a.Topics = strList(v)
		case "related":
			a.Related = related(v)
		case "secured":
			a.Secured = str(v)
		}
	}
	return a
}

// Body returns the Markdown body: the text after the closing --- line and
// the one blank line that separates it (seed files write "---", an empty
// line, then the body).
func (d *Document) Body() string { return string(d.src[d.bodyOff:]) }
