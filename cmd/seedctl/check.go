package main

import (
	"fmt"

	"github.com/seedarchive/seedarchive/internal/termsafe"
)

func init() {
	register(&command{
		Name:    "check",
		Summary: "verify the archive's integrity",
		Usage:   "check [--recount]",
		Help: `Verifies the database, the full-text index and the stored originals.
Prints each problem found; exit status 0 only when all holds. Files of
linked folders that do not parse (or hold conflict markers) are printed
as PATH:LINE: reason too, without failing the check.
Also warns, without failing, about values the archive keeps as no value
(a number field holding a word or a number too large: quality: high).
The counts the app's sidebar shows with no query are kept on every write;
check compares them with a recount, and --recount rebuilds them first (the
repair when check reports "facet counts").

Examples:
  seedctl check
  seedctl --db backup.db check
  seedctl check --recount
`,
		Run: runCheck,
	})
}

func runCheck(e *env, args []string) int {
	fs := e.flagSet("check")
	recount := fs.Bool("recount", false, "rebuild the sidebar's kept counts from the articles first")
	pos, code, ok := e.parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return e.usage("check takes no arguments")
	}
	a, code, ok := e.openExisting()
	if !ok {
		return code
	}
	if *recount {
		if err := a.RecountFacets(e.ctx); err != nil {
			return e.fatal(err)
		}
	}
	rep, err := a.Check(e.ctx)
	if err != nil {
		return e.fatal(err)
	}
	for _, w := range rep.Warnings {
		fmt.Fprintln(e.stdout, "warning:", w)
	}
	for _, p := range rep.Problems {
		fmt.Fprintln(e.stdout, termsafe.Escape(p))
	}
	files, err := a.Problems(e.ctx)
	if err != nil {
		return e.fatal(err)
	}
	for _, p := range files {
		fmt.Fprintln(e.stdout, termsafe.Escape(p.String()))
	}
	if len(rep.Problems) > 0 {
		fmt.Fprintf(e.stderr, "seedctl: %s: %s\n", termsafe.Escape(a.Path()), plural(len(rep.Problems), "problem"))
		return exitFatal
	}
	n, err := a.Count(e.ctx, "")
	if err != nil {
		return e.fatal(err)
	}
	trashed, err := a.Trashed(e.ctx)
	if err != nil {
		return e.fatal(err)
	}
	fmt.Fprintf(e.stdout, "ok: %s holds %s", termsafe.Escape(a.Path()), plural(n, "article"))
	if trashed > 0 {
		// Deleted in the app and kept for its undo; emptied when the undo
		// step goes, or by the next start after a day.
		fmt.Fprintf(e.stdout, " (and %s in the trash for undo)", plural(trashed, "deleted article"))
	}
	if len(files) > 0 {
		// Files of linked folders the index could not take as they are;
		// their articles keep the last text that parsed.
		fmt.Fprintf(e.stdout, "; %s in linked folders", plural(len(files), "problem file"))
	}
	fmt.Fprintln(e.stdout)
	return exitOK
}
