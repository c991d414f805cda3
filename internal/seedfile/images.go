package seedfile

import (
	"strconv"

	"gopkg.in/yaml.v3"
)

// ImageRef is an image found anywhere in the front matter: any mapping with a
// "url" key plus "width"/"height" inside an "images" list (related[].images[] and
// the same shape elsewhere). Path is its dotted path, e.g. "related.0.images.1".
type ImageRef struct {
	Path   string
	URL    string
	Width  int
	Height int
}

// Images lists every image the front matter references, in document order.
func (d *Document) Images() []ImageRef {
	if d.root == nil {
		return nil
	}
	var out []ImageRef
	walkImages(d.root, "", &out)
	return out
}

func walkImages(n *yaml.Node, path string, out *[]ImageRef) {
	join := func(seg string) string {
		if path == "" {
			return seg
		}
		return path + "." + seg
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i].Value, n.Content[i+1]
			p := join(key)
			if key == "images" && val.Kind == yaml.SequenceNode {
				for j, item := range val.Content {
					if k, u := mapGet(item, "url"); k != nil {
						*out = append(*out, ImageRef{
							Path:   p + "." + strconv.Itoa(j),
							URL:    str(u),
							Width:  integer(mapValue(item, "width")),
							Height: integer(mapValue(item, "height")),
						})
					}
				}
			}
			walkImages(val, p, out)
		}
	case yaml.SequenceNode:
		for j, item := range n.Content {
			walkImages(item, join(strconv.Itoa(j)), out)
		}
	}
}
