package transfer

import (
	"time"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// LinkedName is the name (slash-separated, relative to the folder) of the
// file a new article doc gets in a linked folder whose name template is
// tmpl: "" names it like the seeds, NNN_<16 hex>.txt, with NNN index
// modulo 1000 (index: the folder's count of files); otherwise tmpl is an
// export name template (ParseNameTemplate), rendered as export does with
// {hash} the start of the SHA-256 of the webUrl, else of the text. A new
// article has no id or file name yet: {id} is 0 and {file} and {name} are
// the default name. storage.Archive.InsertLinked makes the name unique.
func LinkedName(tmpl string, index int, doc *seedfile.Document) (string, error) {
	a := doc.Article()
	published := ""
	if t, err := time.Parse(time.RFC3339, a.PublishedDateTime); err == nil {
		published = t.UTC().Format(time.RFC3339)
	}
	f := nameFields{Title: a.Title, PublishedAt: published, ProviderName: a.Provider.Name,
		ProviderDomain: a.Provider.Domain, Category: a.Category, Type: a.Type, WebURL: a.WebURL}
	if f.WebURL != "" {
		f.Hash = hashOf([]byte(f.WebURL))
	} else {
		f.Hash = hashOf(doc.Bytes())
	}
	if tmpl == "" {
		return defaultName(index, f.Hash), nil
	}
	t, err := ParseNameTemplate(tmpl)
	if err != nil {
		return "", err
	}
	return t.render(index, &f), nil
}
