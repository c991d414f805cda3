package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/seedarchive/seedarchive/internal/termsafe"
	"github.com/seedarchive/seedarchive/internal/transfer"
)

func init() {
	register(&command{
		Name:    "export",
		Summary: "export articles to a folder or a .zip",
		Usage:   "export [--where QUERY] [--set NAME] [--name TEMPLATE] [--force] DEST",
		Help: `Exports the whole archive, the articles matching a query, or a set (both
--where and --set: the set's articles matching the query) to the folder
DEST, or to a zip file when DEST ends in .zip (with a manifest.json listing
each file's name and SHA-256, the count, the query, the time and the tool
version). Each file holds the article's stored text byte for byte: an
unedited article comes out exactly as it was imported.

Files keep their original names; an article without one is named like the
seeds, NNN_<16 hex>.txt. --name sets a template instead, "/" making
folders, with the placeholders:
  {id} {file} {name} (file without extension) {slug} (from the title)
  {title} {date:LAYOUT} (Go layout, e.g. {date:2006-01}; {date} is
  2006-01-02) {provider.domain} {provider.name} {category} {type}
  {hash} (16 hex of the SHA-256 of the webUrl, else of the text)
Names are made safe for any file system and never leave DEST; a name used
twice gets -2, -3 … in export order.

Files are written into a hidden staging folder inside DEST and moved into
place at the end; a zip is written to a hidden temporary file and renamed
when complete. An export that fails or is interrupted leaves DEST as it
was, and what a killed one leaves (.seedarchive-export-*) is removed by the
next export there. Files get mode 0666 less the umask, in a folder or a
zip. Existing files are never overwritten without --force: all targets are
checked before anything is written.

Examples:
  seedctl export ~/backup
  seedctl export --where 'topic:AI quality:>50' ai.zip
  seedctl export --set Reading --name '{date:2006-01}/{provider.domain}/{slug}.md' reading/
  seedctl export --force --where 'date:2020' 2020.zip
`,
		Run: runExport,
	})
}

func runExport(e *env, args []string) int {
	fs := e.flagSet("export")
	where := fs.String("where", "", "export the articles matching `QUERY`")
	set := fs.String("set", "", "export the articles of the set `NAME`")
	name := fs.String("name", "", "name files by `TEMPLATE`, e.g. '{date:2006-01}/{slug}.md'")
	force := fs.Bool("force", false, "overwrite existing files")
	quiet := fs.Bool("quiet", false, "no progress bar or summary")
	pos, code, ok := e.parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		return e.usage("want exactly one DEST, got %d arguments", len(pos))
	}
	if code, ok := e.checkQuery(*where); !ok {
		return code
	}
	if *name != "" {
		if _, err := transfer.ParseNameTemplate(*name); err != nil {
			return e.usage("%v", err)
		}
	}
	a, code, ok := e.openExisting()
	if !ok {
		return code
	}
	bar := e.progressBar("exporting", *quiet)
	sum, err := transfer.Export(e.ctx, a, pos[0], transfer.ExportOptions{
		Query:        *where,
		Set:          *set,
		NameTemplate: *name,
		Force:        *force,
		Progress:     bar.update,
		ToolVersion:  "seedctl " + versionString(),
	})
	bar.finish()
	if err != nil {
		code := e.fail(err)
		if errors.Is(err, transfer.ErrExists) {
			fmt.Fprintln(e.stderr, "seedctl: nothing was written; use --force to overwrite")
		}
		return code
	}
	if !*quiet {
		fmt.Fprintln(e.stdout, termsafe.Escape(strings.TrimSpace(sum.String())))
	}
	return exitOK
}
