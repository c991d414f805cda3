package seedfile

// Provider is the publisher of an article.
type Provider struct {
	Name   string
	Domain string
}

// Image is an image an article references.
type Image struct {
	URL    string
	Width  int
	Height int
}

// Related is one entry of an article's related list.
type Related struct {
	Title             string
	Excerpt           string
	PublishedDateTime string
	WebURL            string
	Type              string
	Provider          Provider
	Quality           int
	Images            []Image
}

// Article is the typed view of a seed file's known fields. Fields missing
// from the file hold their zero value; Document.Has tells missing from zero.
// Unknown fields are not here: they stay in the Document's text.
type Article struct {
	Category          string
	Title             string
	Excerpt           string
	PublishedDateTime string // as written; normally RFC 3339
	WebURL            string
	AmpWebURL         string
	CdnAmpWebURL      string
	Type              string
	Quality           int
	Heat              int
	Published         bool
	Provider          Provider
	Topics            []string
	Related           []Related
	Secured           string // opaque: never interpreted, never rewritten
	Body              string // the Markdown after the closing --- line and the blank line after it
}
