package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/seedarchive/seedarchive/internal/query"
	"github.com/seedarchive/seedarchive/storage"
)

func init() {
	register(&command{
		Name:    "facet",
		Summary: "count articles by topic, provider, set... (the app's sidebar)",
		Usage:   "facet [--where QUERY] [--json] [--limit N] [SECTION...]",
		Help: `Prints the counts the desktop app's sidebar shows for the articles matching
QUERY (all without --where), exactly, from the same storage code: each
section with its values and their numbers of articles, most first. The
sections are set, topic, provider, category, type and published, and git
when the archive has a linked folder in a git working tree (git states of
changed files; clean ones are not counted). The set section lists every set
in name order, with 0 for a set none of whose articles match. Values compare
case-insensitively; articles without the field are not counted.

SECTION names the sections to print, in that order, from set, topic,
provider, domain, category, type, published and git (plurals work too:
topics, providers...). --limit prints at most N values of each section
(0: all), then how many more there are.

--json prints one JSON object a line: "section", "value", "count", and
"smart": true for a smart set.

Examples:
  seedctl facet
  seedctl facet --where 'date:2020' topic provider
  seedctl facet --limit 10 topics
  seedctl facet --json --where 'provider:"Medical Xpress"' | jq -r 'select(.section=="topic") | .value'
`,
		Run: runFacet,
	})
}

// facetPlurals maps the plural of a section to its facet name.
var facetPlurals = map[string]string{
	"sets": "set", "topics": "topic", "providers": "provider", "domains": "domain",
	"categories": "category", "types": "type",
}

// facetJSON is the --json shape of one value of a section.
type facetJSON struct {
	Section string `json:"section"`
	Value   string `json:"value"`
	Count   int    `json:"count"`
	Smart   bool   `json:"smart,omitempty"` // a set that is a saved search
}

func runFacet(e *env, args []string) int {
	fs := e.flagSet("facet")
	where := fs.String("where", "", "count the articles matching `QUERY`")
	limit := fs.Int("limit", 0, "print at most `N` values of each section (0: all)")
	asJSON := fs.Bool("json", false, "one JSON object a line")
	pos, code, ok := e.parse(fs, args)
	if !ok {
		return code
	}
	if *limit < 0 {
		return e.usage("--limit must be at least 0")
	}
	var sections []string
	for _, name := range pos {
		f := strings.ToLower(name)
		if p, ok := facetPlurals[f]; ok {
			f = p
		}
		if !slices.Contains(storage.Facets, f) {
			if strings.ContainsAny(name, ": \"") {
				return e.usage("unexpected argument %q (a query goes in --where QUERY, quoted)", name)
			}
			return e.usage("unknown section %q (want one of %s)", name, strings.Join(storage.Facets, ", "))
		}
		if !slices.Contains(sections, f) {
			sections = append(sections, f)
		}
	}
	if code, ok := e.checkQuery(*where); !ok {
		return code
	}
	a, code, ok := e.openExisting()
	if !ok {
		return code
	}
	named := len(sections) > 0
	if !named {
		sections = slices.Clone(storage.SidebarFacets)
	}
	counts, smart, err := storage.CountFacetSections(e.ctx, a, sections, *where)
	if err != nil {
		return e.fail(err)
	}
	if !named {
		// As in the sidebar, the git section shows while it says something:
		// with a linked folder in git, or when it has values or the query
		// uses git: terms.
		at := slices.Index(sections, "git")
		git, err := a.HasGitFolder(e.ctx)
		if err != nil {
			return e.fatal(err)
		}
		if !git && len(counts[at]) == 0 && !query.UsesField(*where, "git") {
			sections, counts = slices.Delete(sections, at, at+1), slices.Delete(counts, at, at+1)
		}
	}
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	if *asJSON {
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		for i, f := range sections {
			for _, c := range limited(counts[i], *limit) {
				if err := enc.Encode(facetJSON{Section: f, Value: c.Value, Count: c.Count, Smart: f == "set" && smart[c.Value]}); err != nil {
					return e.fatal(err)
				}
			}
		}
	} else {
		printFacets(out, sections, counts, *limit)
	}
	if err := out.Flush(); err != nil {
		return e.fatal(err)
	}
	return exitOK
}

// limited is the first limit values (all for 0).
func limited(values []storage.FacetCount, limit int) []storage.FacetCount {
	if limit > 0 && len(values) > limit {
		return values[:limit]
	}
	return values
}

// facetValueWidth is the widest a value prints before it is cut.
const facetValueWidth = 48

// printFacets prints each section's name, then its values indented with
// their counts aligned on the right, the values cut and escaped as list's.
func printFacets(w *bufio.Writer, sections []string, counts [][]storage.FacetCount, limit int) {
	valueW, countW := 0, 1
	for i := range sections {
		for _, c := range limited(counts[i], limit) {
			valueW = max(valueW, utf8.RuneCountInString(cut(c.Value, facetValueWidth)))
			countW = max(countW, len(strconv.Itoa(c.Count)))
		}
	}
	for i, f := range sections {
		fmt.Fprintln(w, f)
		shown := limited(counts[i], limit)
		for _, c := range shown {
			fmt.Fprintf(w, "  %s  %*d\n", pad(cut(c.Value, facetValueWidth), valueW), countW, c.Count)
		}
		if more := len(counts[i]) - len(shown); more > 0 {
			fmt.Fprintf(w, "  … %d more\n", more)
		}
	}
}
