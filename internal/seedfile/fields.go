package seedfile

// Kind is the value type of a known front-matter field.
type Kind int

// The kinds of known fields.
const (
	KindString     Kind = iota // a plain string
	KindText                   // a long, possibly multi-line string (excerpt)
	KindTime                   // an RFC 3339 timestamp
	KindURL                    // an http(s) URL
	KindInt                    // an integer
	KindBool                   // true or false
	KindStringList             // a list of strings (topics)
	KindRelated                // the list of related articles
	KindOpaque                 // kept exactly, never interpreted (secured)
)

// Field describes one known front-matter field.
type Field struct {
	Path  string // dotted path in the front matter, e.g. "provider.domain"
	Label string // human label, e.g. "Provider domain"
	Kind  Kind
}

// Fields lists the known top-level fields in the seeds' own key order. New
// articles are written in this order; the GUI's column chooser and editor and
// the CLI's edit command use the same list.
var Fields = []Field{
	{"category", "Category", KindString},
	{"title", "Title", KindString},
	{"excerpt", "Excerpt", KindText},
	{"publishedDateTime", "Published at", KindTime},
	{"webUrl", "Web URL", KindURL},
	{"ampWebUrl", "AMP URL", KindURL},
	{"cdnAmpWebUrl", "CDN AMP URL", KindURL},
	{"type", "Type", KindString},
	{"quality", "Quality", KindInt},
	{"heat", "Heat", KindInt},
	{"published", "Published", KindBool},
	{"provider.name", "Provider", KindString},
	{"provider.domain", "Provider domain", KindString},
	{"topics", "Topics", KindStringList},
	{"related", "Related", KindRelated},
	{"secured", "Secured", KindOpaque},
}

// RelatedFields lists the fields of one related article, in the seeds' order.
var RelatedFields = []Field{
	{"title", "Title", KindString},
	{"excerpt", "Excerpt", KindText},
	{"publishedDateTime", "Published at", KindTime},
	{"webUrl", "Web URL", KindURL},
	{"type", "Type", KindString},
	{"provider.name", "Provider", KindString},
	{"provider.domain", "Provider domain", KindString},
	{"quality", "Quality", KindInt},
}

// LookupField returns the known field with the given path.
func LookupField(path string) (Field, bool) {
	for _, f := range Fields {
		if f.Path == path {
			return f, true
		}
	}
	return Field{}, false
}
