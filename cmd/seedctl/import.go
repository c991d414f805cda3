package main

import (
	"fmt"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/seedarchive/seedarchive/internal/termsafe"
	"github.com/seedarchive/seedarchive/internal/transfer"
)

func init() {
	register(&command{
		Name:    "import",
		Summary: "import seed files, folders and zips",
		Usage:   "import [--on-duplicate MODE] [--dry-run] [--quiet] PATH...",
		Help: `Imports seed files. A folder is searched recursively for *.txt, *.md,
*.markdown and *.mdx files (hidden files and folders are skipped); a .zip
is read entry by entry; any other file given by name is imported as it is.
The summary counts the other files passed over for their extension and the
.zip files found inside folders and zips, which are not opened. Files are stored
under their base name (inside a folder: the path relative to it; inside a
zip: the entry name).

A duplicate is a stored article with the same webUrl (without a URL: the
same content). Identical files are always skipped. --on-duplicate says
what to do with a changed one: skip (keep the stored article), replace
(overwrite it, clearing its edits) or keep-both (store both). An input
whose webUrl several stored articles share, or that an earlier input of the
same import had with other content, is "conflicting": only keep-both
stores it.

Files that cannot be imported are refused, each reported on stderr as
PATH:LINE: reason, and the rest is imported (exit status 3). Files are
written in transactions of 1,000; an import that is interrupted keeps the
batches already written, and running it again finishes the job.

--dry-run writes nothing and prints each input's status: new, identical,
changed, conflicting or refused.

Examples:
  seedctl import ~/seeds
  seedctl import --dry-run export.zip
  seedctl import --on-duplicate replace 000_e1c4307fd34dea77.txt notes/
  seedctl --db /tmp/test.db import --quiet corpus/
`,
		Run: runImport,
	})
}

func runImport(e *env, args []string) int {
	fs := e.flagSet("import")
	mode := fs.String("on-duplicate", "skip", "what to do with a changed duplicate: skip, replace or keep-both")
	dry := fs.Bool("dry-run", false, "classify every input, write nothing")
	quiet := fs.Bool("quiet", false, "no progress bar, listing or summary (refusals are still printed)")
	paths, code, ok := e.parse(fs, args)
	if !ok {
		return code
	}
	if len(paths) == 0 {
		return e.usage("no PATH to import")
	}
	onDup, err := transfer.ParseOnDuplicate(*mode)
	if err != nil {
		return e.usage("%v", err)
	}
	open := e.open
	if *dry {
		open = e.openOrEmpty // a dry run creates nothing, not even the archive
	}
	e.bulkPageCache()
	a, code, ok := open()
	if !ok {
		return code
	}
	bar := e.progressBar("importing", *quiet)
	opts := transfer.ImportOptions{
		OnDuplicate: onDup,
		DryRun:      *dry,
		Progress:    bar.update,
		OnFile: func(r transfer.FileResult) {
			if r.Status == transfer.StatusRefused {
				bar.clear()
				fmt.Fprintln(e.stderr, termsafe.Escape(r.String()))
			}
			switch {
			case *quiet:
			case *dry:
				bar.clear()
				line := fmt.Sprintf("%-11s %s", r.Status, r.Path)
				if r.Reason != "" {
					line += " (" + r.Reason + ")"
				}
				fmt.Fprintln(e.stdout, termsafe.Escape(line))
			case r.Status == transfer.StatusConflicting:
				bar.clear()
				fmt.Fprintf(e.stderr, "%s: %s\n", termsafe.Escape(r.Path), termsafe.Escape(r.Reason))
			}
		},
	}
	sum, err := transfer.Import(e.ctx, a, paths, opts)
	bar.finish()
	if err != nil {
		e.fatal(err)
		if sum.Inserted+sum.Replaced > 0 {
			fmt.Fprintf(e.stderr, "seedctl: %s stored before that; run the same import again to finish\n", wereStored(sum.Inserted+sum.Replaced, "file"))
		}
		return exitFatal
	}
	if !*quiet {
		fmt.Fprintln(e.stdout, termsafe.Escape(sum.String()))
	}
	if sum.Refused > 0 {
		return exitPartial
	}
	return exitOK
}

// progress drives a progress bar on stderr, only when stderr is a terminal
// and not quiet. A nil *progress does nothing.
type progress struct {
	desc string
	bar  *progressbar.ProgressBar
	e    *env
}

func (e *env) progressBar(desc string, quiet bool) *progress {
	if quiet || !isTerminal(e.stderr) {
		return nil
	}
	return &progress{desc: desc, e: e}
}

func (p *progress) update(done, total int) {
	if p == nil {
		return
	}
	if p.bar == nil {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(p.e.stderr),
			progressbar.OptionSetDescription(p.desc),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("files"),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	_ = p.bar.Set(done)
}

// clear removes the bar before a line is printed; the next update redraws it.
func (p *progress) clear() {
	if p != nil && p.bar != nil {
		_ = p.bar.Clear()
	}
}

func (p *progress) finish() {
	if p != nil && p.bar != nil {
		_ = p.bar.Finish()
	}
}
