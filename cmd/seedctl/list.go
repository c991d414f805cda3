package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/seedarchive/seedarchive/internal/termsafe"
	"github.com/seedarchive/seedarchive/storage"
)

func init() {
	register(&command{
		Name:    "list",
		Summary: "list articles as a table or JSON lines",
		Usage:   "list [--where QUERY] [--sort FIELD|-FIELD] [--limit N] [--json]",
		Help: `Lists the articles matching QUERY (all without --where), streaming them
from the archive: a table of id, date, provider, quality and title (cut to
the terminal width, or 80 columns), or with --json one JSON object a line
with "id", "file" and the front-matter fields under their own names
(category, title, excerpt, publishedDateTime, webUrl, ampWebUrl,
cdnAmpWebUrl, type, quality, heat, published, provider {name, domain},
topics); missing fields are left out. publishedDateTime is normalized to UTC.
An article of a linked folder has "folder" (the folder) and "file" (its
path inside it), and "git" (modified, new, untracked, renamed, deleted or
conflicted) when git reports its file as changed. When the archive has
linked folders, the table has a LOCATION column (the linked folder's name,
or "archive" for an imported article), and a GIT column when one of them is
in a git working tree.

--sort takes a field path (title, publishedDateTime, quality, heat,
provider.name, ...), "-" first for descending.

Examples:
  seedctl list --where 'topic:AI quality:>50' --sort -publishedDateTime
  seedctl list --where 'set:Reading' --limit 20
  seedctl list --json --where 'date:2020' | jq -r .webUrl
`,
		Run: runList,
	})
}

func runList(e *env, args []string) int {
	fs := e.flagSet("list")
	where := fs.String("where", "", "list the articles matching `QUERY`")
	sortBy := fs.String("sort", "", "sort by `FIELD`; -FIELD for descending (default: id)")
	limit := fs.Int("limit", 0, "list at most `N` articles (0: all)")
	asJSON := fs.Bool("json", false, "one JSON object a line")
	pos, code, ok := e.parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return e.usage("unexpected argument %q (quote the query of --where)", pos[0])
	}
	if *limit < 0 {
		return e.usage("--limit must be at least 0")
	}
	if !storage.Sortable(*sortBy) {
		return e.usage("--sort %q: not a field the archive sorts by (%s; -FIELD for descending)",
			*sortBy, strings.Join(storage.SortFields(), ", "))
	}
	if code, ok := e.checkQuery(*where); !ok {
		return code
	}
	a, code, ok := e.openExisting()
	if !ok {
		return code
	}
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	var fn func(storage.Row) error
	if *asJSON {
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		fn = func(r storage.Row) error { return enc.Encode(jsonRow(&r)) }
	} else {
		t := newTable(out, e.width())
		folders, err := a.Folders(e.ctx)
		if err != nil {
			return e.fatal(err)
		}
		t.linked = len(folders) > 0
		if t.git, err = a.HasGitFolder(e.ctx); err != nil {
			return e.fatal(err)
		}
		t.header()
		fn = t.row
	}
	// The table shows no field read from the text: it is not parsed.
	err := a.Each(e.ctx, storage.ListOptions{Query: *where, Sort: *sortBy, Limit: *limit, NoTextFields: !*asJSON}, fn)
	if ferr := out.Flush(); err == nil && ferr != nil {
		err = ferr
	}
	if err != nil {
		return e.fail(err)
	}
	return exitOK
}

// listRow is the --json shape of one article.
type listRow struct {
	ID                int64         `json:"id"`
	File              string        `json:"file"`
	Category          string        `json:"category,omitempty"`
	Title             string        `json:"title,omitempty"`
	Excerpt           string        `json:"excerpt,omitempty"`
	PublishedDateTime string        `json:"publishedDateTime,omitempty"`
	WebURL            string        `json:"webUrl,omitempty"`
	AmpWebURL         string        `json:"ampWebUrl,omitempty"`
	CdnAmpWebURL      string        `json:"cdnAmpWebUrl,omitempty"`
	Type              string        `json:"type,omitempty"`
	Quality           *int64        `json:"quality,omitempty"`
	Heat              *int64        `json:"heat,omitempty"`
	Published         *bool         `json:"published,omitempty"`
	Provider          *listProvider `json:"provider,omitempty"`
	Topics            []string      `json:"topics,omitempty"`
	Folder            string        `json:"folder,omitempty"` // the linked folder holding File; none for imported articles
	Git               string        `json:"git,omitempty"`    // the file's git status; none when clean or not in git
}

type listProvider struct {
	Name   string `json:"name,omitempty"`
	Domain string `json:"domain,omitempty"`
}

func jsonRow(r *storage.Row) listRow {
	j := listRow{
		ID: r.ID, File: r.File, Category: r.Category, Title: r.Title, Excerpt: r.Excerpt,
		PublishedDateTime: r.PublishedAt, WebURL: r.WebURL, AmpWebURL: r.AmpWebURL,
		CdnAmpWebURL: r.CdnAmpWebURL, Type: r.Type, Topics: r.Topics, Folder: r.Folder, Git: r.Git,
	}
	if r.Quality.Valid {
		j.Quality = &r.Quality.Int64
	}
	if r.Heat.Valid {
		j.Heat = &r.Heat.Int64
	}
	if r.Published.Valid {
		j.Published = &r.Published.Bool
	}
	if r.ProviderName != "" || r.ProviderDomain != "" {
		j.Provider = &listProvider{Name: r.ProviderName, Domain: r.ProviderDomain}
	}
	return j
}

// width is the terminal width of stdout, else $COLUMNS, else 80.
func (e *env) width() int {
	if f, ok := e.stdout.(*os.File); ok && isTerminal(f) {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return 80
}

// table prints rows in fixed columns so it can stream: id, date,
// provider, quality, then the title in what is left of the width.
type table struct {
	w      io.Writer
	width  int
	linked bool // the LOCATION column: where each article lives (storage.Row.Location)
	git    bool // the GIT column: each linked file's git status
}

const (
	colID       = 7
	colDate     = 10
	colProvider = 18
	colQuality  = 3
	colLocation = 10
	colGit      = 10
)

func newTable(w io.Writer, width int) *table { return &table{w: w, width: width} }

func (t *table) header() {
	t.line("ID", "LOCATION", "GIT", "DATE", "PROVIDER", "Q", "TITLE")
}

func (t *table) row(r storage.Row) error {
	date := r.PublishedAt
	if len(date) >= 10 {
		date = date[:10]
	}
	q := ""
	if r.Quality.Valid {
		q = strconv.FormatInt(r.Quality.Int64, 10)
	}
	provider := r.ProviderName
	if provider == "" {
		provider = r.ProviderDomain
	}
	return t.line(strconv.FormatInt(r.ID, 10), r.Location(), r.Git, date, provider, q, r.Title)
}

func (t *table) line(id, location, git, date, provider, quality, title string) error {
	rest := t.width - (colID + colDate + colProvider + colQuality + 4)
	if t.linked {
		id += " " + pad(cut(location, colLocation), colLocation)
		rest -= colLocation + 1
	}
	if t.git {
		id += " " + pad(git, colGit)
		rest -= colGit + 1
	}
	_, err := fmt.Fprintf(t.w, "%*s %-*s %s %*s %s\n", colID, id, colDate, date,
		pad(cut(provider, colProvider), colProvider), colQuality, quality, cut(title, max(rest, 10)))
	return err
}

// cut shortens s to at most n characters, ending in "…" when cut. Line
// breaks and tabs become spaces and other control characters are escaped
// (termsafe.Escape), so a title cannot break the table or drive the terminal.
func cut(s string, n int) string {
	s = termsafe.Escape(strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s))
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	runes := []rune(s)
	return string(runes[:n-1]) + "…"
}

// pad pads s with spaces to n characters.
func pad(s string, n int) string {
	if c := utf8.RuneCountInString(s); c < n {
		return s + strings.Repeat(" ", n-c)
	}
	return s
}
