// Command seedctl is the headless command-line interface to a Seed Archive:
// import, export, list, count, facet, show, edit, sets, images, check, backup,
// restore, link, unlink, sync.
//
//	seedctl [--db PATH] COMMAND [flags] [args]
//
// The archive is --db PATH, else $SEEDARCHIVE_DB, else the per-user
// archive (storage.DefaultPath). Run `seedctl help` for the commands and
// `seedctl COMMAND -h` for one command's flags and examples.
//
// Exit status: 0 success; 1 a fatal error; 2 a usage error (bad flag,
// argument, query or value; nothing was changed); 3 partly done: an import
// where some inputs were refused and the rest was imported, or an images
// fetch that left some images not cached.
//
// # Adding a command
//
// Each command lives in its own file and registers itself from init:
//
//	func init() {
//		register(&command{
//			Name:    "images",
//			Summary: "fetch and check article images",
//			Usage:   "images [flags] SUBCOMMAND",
//			Help:    "Longer description.\n\nExamples:\n  seedctl images fetch\n",
//			Run:     runImages,
//		})
//	}
//
//	func runImages(e *env, args []string) int {
//		fs := e.flagSet("images")          // has --db and -h wired in
//		limit := fs.Int("limit", 0, "at most `N` images")
//		pos, code, ok := e.parse(fs, args) // flags may follow arguments
//		if !ok {
//			return code
//		}
//		a, code, ok := e.open()            // the archive, closed by run (created if missing;
//		                                   // e.openExisting for a command that only reads)
//		...
//		return exitOK
//	}
//
// The env gives the context (cancelled by Ctrl-C), stdin/stdout/stderr, the
// archive, and helpers for the exit codes: e.fatal (1), e.usage (2) and
// e.queryError (2 with a caret under the bad position of a query).
package main
