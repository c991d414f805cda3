package main

import (
	"fmt"
)

func init() {
	register(&command{
		Name:    "count",
		Summary: "print how many articles match a query",
		Usage:   "count [--where QUERY]",
		Help: `Prints the number of articles matching QUERY (all without --where), as the
desktop app's status bar counts them, from the same storage code: one
number and a newline, for scripts. The number of every article is kept on
write, so counting the whole archive reads one row at any size.

Examples:
  seedctl count
  seedctl count --where 'topic:AI date:2020'
  [ "$(seedctl count --where 'is:duplicate')" -eq 0 ] || echo "duplicates to review"
`,
		Run: runCount,
	})
}

func runCount(e *env, args []string) int {
	fs := e.flagSet("count")
	where := fs.String("where", "", "count the articles matching `QUERY`")
	pos, code, ok := e.parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return e.usage("unexpected argument %q (quote the query of --where)", pos[0])
	}
	if code, ok := e.checkQuery(*where); !ok {
		return code
	}
	a, code, ok := e.openExisting()
	if !ok {
		return code
	}
	n, err := a.Count(e.ctx, *where)
	if err != nil {
		return e.fail(err)
	}
	if _, err := fmt.Fprintln(e.stdout, n); err != nil {
		return e.fatal(err)
	}
	return exitOK
}
