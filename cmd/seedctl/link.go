package main

import (
	"fmt"

	"github.com/seedarchive/seedarchive/internal/termsafe"
	"github.com/seedarchive/seedarchive/internal/transfer"
	"github.com/seedarchive/seedarchive/storage"
)

func init() {
	register(&command{
		Name:    "link",
		Summary: "index a folder of seed files in place",
		Usage:   "link [--name TEMPLATE] DIR...",
		Help: `Makes each DIR a linked folder: every seed file under it (.txt, .md,
.markdown, .mdx; hidden files and folders skipped) is indexed where it is,
and the folder stays the truth. An edit writes the file (only the edited
lines change), deleting an article deletes its file, and every seedctl
command first picks up what other programs changed (see sync). Two files
with the same webUrl are both kept: has:duplicate finds them.

Files that do not parse are printed as PATH:LINE: reason and listed as
problems until they parse again; the exit status is then 3. Linking a
folder that is already linked syncs it.

--name sets how the app names an article created in the folder: export's
name template placeholders ({slug}, {date:2006-01}, {provider.domain},
{hash}…; see export -h). Without it, like the seeds: NNN_<16 hex>.txt.

Examples:
  seedctl link ~/seeds
  seedctl list --where has:duplicate
`,
		Run: runLink,
	})
	register(&command{
		Name:    "unlink",
		Summary: "forget a linked folder (its files stay)",
		Usage:   "unlink DIR",
		Help: `Forgets the linked folder DIR and its articles (with their set
memberships). The files stay as they are; link the folder again to index
it again.

Examples:
  seedctl unlink ~/seeds
`,
		Run: runUnlink,
	})
	register(&command{
		Name:    "sync",
		Summary: "pick up outside changes to linked folders",
		Usage:   "sync",
		Help: `Brings the index of every linked folder up to date with its files: added,
changed, removed and renamed files (a rename keeps the article, its sets
and cached images). Only files whose size, modification time or inode
changed are read. Prints "2 added, 1 changed, 1 removed, 0 refused", then
each problem file (one that does not parse, or holds git's conflict
markers) as PATH:LINE: reason on stderr; the exit status is 3 while there
are problem files. Every other seedctl command does the same scan first,
quietly unless it changed something.

Examples:
  git pull && seedctl sync
`,
		Run: runSync,
	})
}

func runLink(e *env, args []string) int {
	fs := e.flagSet("link")
	name := fs.String("name", "", "name new files by `TEMPLATE` (export's placeholders)")
	pos, code, ok := e.parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		return e.usage("no DIR to link")
	}
	if *name != "" {
		if _, err := transfer.ParseNameTemplate(*name); err != nil {
			return e.usage("%v", err)
		}
	}
	e.noSync = true // Link syncs the folder itself
	e.bulkPageCache()
	a, code, ok := e.open()
	if !ok {
		return code
	}
	var res storage.SyncResult
	for _, dir := range pos {
		bar := e.progressBar("linking", false)
		r, err := a.Link(e.ctx, dir, bar.update)
		bar.finish()
		if err != nil {
			return e.fatal(err)
		}
		if *name != "" {
			if err := a.SetNameTemplate(e.ctx, dir, *name); err != nil {
				return e.fatal(err)
			}
		}
		res.Added += r.Added
		res.Changed += r.Changed
		res.Removed += r.Removed
		res.Renamed += r.Renamed
		res.Refused += r.Refused
		res.Problems = r.Problems
	}
	return e.reportSync(res)
}

func runUnlink(e *env, args []string) int {
	pos, code, ok := e.parse(e.flagSet("unlink"), args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		return e.usage("want one DIR")
	}
	e.noSync = true
	a, code, ok := e.openExisting()
	if !ok {
		return code
	}
	n, err := a.Unlink(e.ctx, pos[0])
	if err != nil {
		return e.fatal(err)
	}
	fmt.Fprintf(e.stdout, "unlinked %s: %s forgotten, the files stay\n", termsafe.Escape(pos[0]), plural(n, "article"))
	return exitOK
}

func runSync(e *env, args []string) int {
	pos, code, ok := e.parse(e.flagSet("sync"), args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return e.usage("sync takes no arguments")
	}
	e.noSync = true
	a, code, ok := e.openExisting()
	if !ok {
		return code
	}
	res, err := a.Sync(e.ctx)
	if err != nil {
		return e.fatal(err)
	}
	return e.reportSync(res)
}

// reportSync prints a sync's counts on stdout and the problem files on
// stderr; the exit status is 3 while there are problem files.
func (e *env) reportSync(res storage.SyncResult) int {
	fmt.Fprintln(e.stdout, res.Summary())
	for _, p := range res.Problems {
		fmt.Fprintln(e.stderr, termsafe.Escape(p.String()))
	}
	if len(res.Problems) > 0 {
		return exitPartial
	}
	return exitOK
}

// syncFirst brings the linked folders' index up to date before a command
// uses the archive, printing on stderr only what changed. A failure is a
// warning: the command goes on with the index as it was.
func (e *env) syncFirst(a *storage.Archive) {
	res, err := a.Sync(e.ctx)
	if err != nil {
		fmt.Fprintf(e.stderr, "seedctl: warning: %s (the index of linked folders may be out of date)\n", termsafe.Escape(err.Error()))
		return
	}
	if !res.Any() {
		return
	}
	fmt.Fprintf(e.stderr, "seedctl: linked folders synced: %s\n", res.Summary())
	if res.Refused > 0 {
		for _, p := range res.Problems {
			fmt.Fprintln(e.stderr, termsafe.Escape(p.String()))
		}
	}
}
