package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/seedarchive/seedarchive/internal/query"
	"github.com/seedarchive/seedarchive/internal/termsafe"
	"github.com/seedarchive/seedarchive/storage"
)

func init() {
	register(&command{
		Name:    "set",
		Summary: "manage sets: add, remove, list, save, delete",
		Usage:   "set add|remove|list|save|delete ...",
		Help: `Sets are named collections of articles. A manual set holds the articles
added to it; a smart set is a saved query whose members are whatever
matches it now.

  set add NAME (--where QUERY | ID...)     add articles (creates the set)
  set remove NAME (--where QUERY | ID...)  remove articles from the set
  set list                                 name, kind (manual/smart), count
  set save NAME QUERY                      create or replace a smart set
  set delete NAME                          delete a set (not its articles)

In a query, set:NAME selects a set's articles.

Examples:
  seedctl set add Reading 12 15 42
  seedctl set add Reading --where 'topic:AI quality:>80'
  seedctl set remove Reading --where 'published:yes'
  seedctl set save 'Best of 2020' 'date:2020 quality:>=90'
  seedctl set list
  seedctl set delete Reading
`,
		Run: runSet,
	})
}

func runSet(e *env, args []string) int {
	if len(args) == 0 {
		return e.usage("want a subcommand: add, remove, list, save or delete")
	}
	switch args[0] {
	case "add", "remove":
		return runSetMembers(e, args[0], args[1:])
	case "list":
		return runSetList(e, args[1:])
	case "save":
		return runSetSave(e, args[1:])
	case "delete":
		return runSetDelete(e, args[1:])
	case "-h", "-help", "--help":
		e.printHelp(e.stdout, e.flagSet("set"))
		return exitOK
	}
	return e.usage("unknown subcommand %q (want add, remove, list, save or delete)", args[0])
}

func runSetMembers(e *env, sub string, args []string) int {
	fs := e.flagSet("set " + sub)
	where := fs.String("where", "", "the articles matching `QUERY`")
	pos, code, ok := e.parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		return e.usage("set %s: want a set NAME", sub)
	}
	name, idArgs := pos[0], pos[1:]
	if (*where == "") == (len(idArgs) == 0) {
		return e.usage("set %s: give either --where QUERY or article IDs", sub)
	}
	var ids []int64
	for _, s := range idArgs {
		id, err := parseID(s)
		if err != nil {
			return e.usage("set %s: %v", sub, err)
		}
		ids = append(ids, id)
	}
	if *where != "" {
		if code, ok := e.checkQuery(*where); !ok {
			return code
		}
	}
	open := e.open
	if sub == "remove" {
		open = e.openExisting // removing from a missing archive must not create it
	}
	a, code, ok := open()
	if !ok {
		return code
	}
	if *where != "" {
		var err error
		if ids, err = a.IDs(e.ctx, storage.ListOptions{Query: *where}); err != nil {
			return e.fail(err)
		}
	}
	if sub == "add" {
		n, err := a.AddToSet(e.ctx, name, ids)
		if err != nil {
			return e.fail(fmt.Errorf("set %s: %w", name, err))
		}
		fmt.Fprintf(e.stdout, "added %d of %s to %s\n", n, plural(len(ids), "article"), termsafe.Escape(name))
		return exitOK
	}
	n, err := a.RemoveFromSet(e.ctx, name, ids)
	if err != nil {
		return e.fail(fmt.Errorf("set %s: %w", name, err))
	}
	fmt.Fprintf(e.stdout, "removed %d of %s from %s\n", n, plural(len(ids), "article"), termsafe.Escape(name))
	return exitOK
}

func runSetList(e *env, args []string) int {
	pos, code, ok := e.parse(e.flagSet("set list"), args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return e.usage("set list takes no arguments")
	}
	a, code, ok := e.openExisting()
	if !ok {
		return code
	}
	sets, err := a.Sets(e.ctx)
	if err != nil {
		return e.fatal(err)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tKIND\tCOUNT\tQUERY")
	for _, s := range sets {
		kind := "manual"
		if s.Query != "" {
			kind = "smart"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", termsafe.Escape(s.Name), kind, s.Count, termsafe.Escape(s.Query))
	}
	if err := tw.Flush(); err != nil {
		return e.fatal(err)
	}
	return exitOK
}

func runSetSave(e *env, args []string) int {
	pos, code, ok := e.parse(e.flagSet("set save"), args)
	if !ok {
		return code
	}
	if len(pos) < 2 {
		return e.usage("set save: want NAME and QUERY")
	}
	name, q := pos[0], strings.Join(pos[1:], " ")
	if code, ok := e.checkQuery(q); !ok {
		return code
	}
	a, code, ok := e.open()
	if !ok {
		return code
	}
	if err := a.SaveSmartSet(e.ctx, name, q); err != nil {
		return e.fail(fmt.Errorf("set %s: %w", name, err))
	}
	n, err := a.Count(e.ctx, query.Term("set", name))
	if err != nil {
		return e.fail(err)
	}
	verb := "match"
	if n == 1 {
		verb = "matches"
	}
	fmt.Fprintf(e.stdout, "saved smart set %s: %s %s %s\n", termsafe.Escape(name), plural(n, "article"), verb, termsafe.Escape(q))
	return exitOK
}

func runSetDelete(e *env, args []string) int {
	pos, code, ok := e.parse(e.flagSet("set delete"), args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		return e.usage("set delete: want one NAME")
	}
	a, code, ok := e.openExisting()
	if !ok {
		return code
	}
	if err := a.DeleteSet(e.ctx, pos[0]); err != nil {
		return e.fatal(fmt.Errorf("set %s: %w", pos[0], err))
	}
	fmt.Fprintf(e.stdout, "deleted set %s\n", termsafe.Escape(pos[0]))
	return exitOK
}
