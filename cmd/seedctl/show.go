package main

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/internal/termsafe"
	"github.com/seedarchive/seedarchive/storage"
)

func init() {
	register(&command{
		Name:    "show",
		Summary: "print an article exactly as it would export",
		Usage:   "show ID",
		Help: `Prints the article's stored text, byte for byte as export writes it.

Examples:
  seedctl show 42
  seedctl show 42 > 42.txt
`,
		Run: runShow,
	})
	register(&command{
		Name:    "edit",
		Summary: "change fields of an article",
		Usage:   "edit ID FIELD=VALUE...",
		Help: `Changes fields of one article in one update. Only the lines of the edited
fields change; everything else (comments, quoting, unknown fields, line
ends) stays as it is. FIELD is a dotted path: title, excerpt, category,
type, publishedDateTime, webUrl, ampWebUrl, cdnAmpWebUrl, quality, heat,
published, provider.name, provider.domain, topics, related.N.FIELD.
Values are checked against the field's type (a number for quality, yes/no
or true/false for published, an RFC 3339 time for publishedDateTime);
a bad value is refused and nothing changes (exit status 2).

For topics: topics=A,B sets the list, topics+=X adds X, topics-=X removes X.

Prints a one-line summary of the fields that changed.

Examples:
  seedctl edit 42 title='A better title' quality=80
  seedctl edit 42 published=yes topics+=Neuroscience topics-=AI
  seedctl edit 42 provider.name='Medical Xpress' related.0.quality=50
`,
		Run: runEdit,
	})
}

// parseID reads an article id.
func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("bad article id %q", s)
	}
	return id, nil
}

func runShow(e *env, args []string) int {
	pos, code, ok := e.parse(e.flagSet("show"), args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		return e.usage("want one article ID")
	}
	id, err := parseID(pos[0])
	if err != nil {
		return e.usage("%v", err)
	}
	a, code, ok := e.openExisting()
	if !ok {
		return code
	}
	rec, err := a.Get(e.ctx, id)
	if err != nil {
		return e.fatal(fmt.Errorf("article %d: %w", id, err))
	}
	if _, err := e.stdout.Write(rec.Doc.Bytes()); err != nil {
		return e.fatal(err)
	}
	return exitOK
}

// assignment is one FIELD=VALUE (or FIELD+=VALUE, FIELD-=VALUE) argument.
type assignment struct {
	path  string
	op    byte // '=', '+' or '-'
	value string
}

func parseAssignment(s string) (assignment, error) {
	key, value, found := strings.Cut(s, "=")
	if !found || key == "" {
		return assignment{}, fmt.Errorf("%q: want FIELD=VALUE", s)
	}
	as := assignment{path: key, op: '=', value: value}
	if n := len(key); key[n-1] == '+' || key[n-1] == '-' {
		as.op, as.path = key[n-1], key[:n-1]
		f, ok := seedfile.LookupField(as.path)
		if !ok || f.Kind != seedfile.KindStringList {
			return assignment{}, fmt.Errorf("%q: %c= works on list fields only (topics)", s, as.op)
		}
	}
	return as, nil
}

// apply makes one edit on doc. FIELD+= and FIELD-= go through the codec's
// list edits, which keep a single string written where the list belongs.
func (as assignment) apply(doc *seedfile.Document) error {
	v, err := seedfile.ParseValue(as.path, as.value)
	if err != nil {
		return err
	}
	if as.op != '=' {
		items, ok := v.([]string)
		if !ok && v != nil {
			return fmt.Errorf("%s: not a list", as.path)
		}
		if as.op == '+' {
			_, err = doc.AddToList(as.path, items...)
		} else {
			_, err = doc.RemoveFromList(as.path, items...)
		}
		return err
	}
	if err := doc.Set(as.path, v); err != nil {
		return fmt.Errorf("%s: %w", as.path, err)
	}
	return nil
}

func runEdit(e *env, args []string) int {
	pos, code, ok := e.parse(e.flagSet("edit"), args)
	if !ok {
		return code
	}
	if len(pos) < 2 {
		return e.usage("want an article ID and at least one FIELD=VALUE")
	}
	id, err := parseID(pos[0])
	if err != nil {
		return e.usage("%v", err)
	}
	var edits []assignment
	for _, s := range pos[1:] {
		as, err := parseAssignment(s)
		if err != nil {
			return e.usage("%v", err)
		}
		edits = append(edits, as)
	}
	a, code, ok := e.openExisting()
	if !ok {
		return code
	}
	// The article is read, changed and stored in one write transaction, so
	// an edit another program commits meanwhile is never overwritten.
	var changed []string
	var refused error
	_, err = a.Edit(e.ctx, []int64{id}, func(_ int64, doc *seedfile.Document) (bool, error) {
		changed = changed[:0]
		for _, as := range edits {
			before := bytes.Clone(doc.Bytes())
			if err := as.apply(doc); err != nil {
				refused = err
				return false, err
			}
			if !bytes.Equal(before, doc.Bytes()) && !slices.Contains(changed, as.path) {
				changed = append(changed, as.path)
			}
		}
		return len(changed) > 0, nil
	})
	if refused != nil {
		return e.usage("article %d: %v (nothing changed)", id, refused)
	}
	if cd := (*storage.ChangedOnDiskError)(nil); errors.As(err, &cd) {
		// The file holds someone else's change the index could not take
		// (it does not parse, or holds conflict markers): never written over.
		return e.fatal(fmt.Errorf("article %d: %s in linked folder %s: %w; nothing changed (fix the file, then run 'seedctl sync')",
			id, cd.Path, cd.Folder, storage.ErrChangedOnDisk))
	}
	if err != nil {
		return e.fatal(fmt.Errorf("article %d: %w", id, err))
	}
	if len(changed) == 0 {
		return exitOK
	}
	fmt.Fprintf(e.stdout, "#%d: changed %s\n", id, termsafe.Escape(strings.Join(changed, ", ")))
	return exitOK
}
