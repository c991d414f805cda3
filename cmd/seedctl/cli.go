package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/seedarchive/seedarchive/internal/query"
	"github.com/seedarchive/seedarchive/internal/termsafe"
	"github.com/seedarchive/seedarchive/storage"
)

// Exit codes.
const (
	exitOK      = 0 // success
	exitFatal   = 1 // a fatal error
	exitUsage   = 2 // a usage error: bad flag, argument, query or value; nothing changed
	exitPartial = 3 // partly done: import with refused inputs, images fetch with images not cached
)

// command is one subcommand. See the package comment for how to add one.
type command struct {
	Name    string
	Summary string // one line for `seedctl help`
	Usage   string // synopsis without "seedctl ", e.g. "import [flags] PATH..."
	Help    string // description and examples, printed after the flags by -h
	Run     func(e *env, args []string) int
}

var commands = map[string]*command{}

// register adds a command; each command file calls it from init.
func register(c *command) {
	if _, dup := commands[c.Name]; dup {
		panic("seedctl: command registered twice: " + c.Name)
	}
	commands[c.Name] = c
}

// env is what a command runs with.
type env struct {
	ctx            context.Context
	stdin          io.Reader
	stdout, stderr io.Writer
	db             string // --db; "" means storage.DefaultPath()
	cmd            *command
	archive        *storage.Archive
	scratch        string // a temporary folder removed after the archive is closed (see openOrEmpty)
	noSync         bool   // open does not sync linked folders first (link, unlink and sync do their own)
}

// run is seedctl without the process: it parses args (without the program
// name), runs the command and returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdin, stdout, stderr)
}

func runContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// seedctl reports every error itself. The standard logger is written to
	// only by libraries, chiefly net/http's transport about a server's
	// misbehaviour ("Unsolicited response received on idle HTTP channel"),
	// which the user cannot act on and which would break the PATH: reason
	// lines on stderr; the fetch goes on without that connection.
	log.SetOutput(io.Discard)
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	fs := flag.NewFlagSet("seedctl", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&e.db, "db", "", "archive `PATH`")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printOverview(stdout)
			return exitOK
		}
		fmt.Fprintf(stderr, "seedctl: %s\n", termsafe.Escape(err.Error()))
		printOverview(stderr)
		return exitUsage
	}
	if fs.NArg() == 0 {
		printOverview(stderr)
		return exitUsage
	}
	name := fs.Arg(0)
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "seedctl: unknown command %s; run 'seedctl help'\n", termsafe.Escape(strconv.Quote(name)))
		return exitUsage
	}
	e.cmd = c
	defer func() {
		if e.archive != nil {
			if err := e.archive.Close(); err != nil {
				fmt.Fprintf(stderr, "seedctl: close archive: %s\n", termsafe.Escape(err.Error()))
			}
		}
		if e.scratch != "" {
			_ = os.RemoveAll(e.scratch)
		}
	}()
	return c.Run(e, fs.Args()[1:])
}

// flagSet returns a flag set for the named (sub)command with --db and -h
// wired in; its usage is the command's help.
func (e *env) flagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("seedctl "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&e.db, "db", e.db, "archive `PATH` (default $SEEDARCHIVE_DB, else the per-user archive)")
	return fs
}

// parse parses flags placed anywhere among the arguments (until "--") and
// returns the positional arguments. On -h it prints the help and returns
// ok=false with code 0; on a bad flag, it prints the error and returns 2.
func (e *env) parse(fs *flag.FlagSet, args []string) (pos []string, code int, ok bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				e.printHelp(e.stdout, fs)
				return nil, exitOK, false
			}
			return nil, e.usage("%v", err), false
		}
		rest := fs.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), exitOK, true
		}
		if len(rest) == 0 {
			return pos, exitOK, true
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// path is the archive's path: --db, else storage.DefaultPath.
func (e *env) path() (string, error) {
	if e.db != "" {
		return e.db, nil
	}
	return storage.DefaultPath()
}

// exists reports whether the archive file exists; on an error other than
// its absence it prints it and returns ok=false with exit code 1.
func (e *env) exists() (exists bool, code int, ok bool) {
	path, err := e.path()
	if err != nil {
		return false, e.fatal(err), false
	}
	switch _, err := os.Stat(path); {
	case err == nil:
		return true, exitOK, true
	case errors.Is(err, fs.ErrNotExist):
		return false, exitOK, true
	default:
		return false, e.fatal(err), false
	}
}

// openExisting opens the archive for a command that only reads it, or that
// would fail on an empty one: a missing archive is an error (exit 1) and,
// unlike open, nothing is created.
func (e *env) openExisting() (*storage.Archive, int, bool) {
	exists, code, ok := e.exists()
	if !ok {
		return nil, code, false
	}
	if !exists {
		path, _ := e.path()
		return nil, e.fatal(fmt.Errorf("no archive at %s (import creates one)", path)), false
	}
	return e.open()
}

// openOrEmpty opens the archive for a dry run: a missing archive is read as
// an empty one, made in a temporary folder that is removed afterwards, so
// that a dry run creates nothing at the archive's path.
func (e *env) openOrEmpty() (*storage.Archive, int, bool) {
	exists, code, ok := e.exists()
	if !ok {
		return nil, code, false
	}
	if exists || e.archive != nil {
		return e.open()
	}
	dir, err := os.MkdirTemp("", "seedctl-dry-run-")
	if err != nil {
		return nil, e.fatal(err), false
	}
	e.scratch = dir
	a, err := storage.Open(filepath.Join(dir, "archive.db"))
	if err != nil {
		return nil, e.fatal(err), false
	}
	e.archive = a
	return a, exitOK, true
}

// open opens the archive (once), creating it when it does not exist, and
// syncs its linked folders (unless noSync); on failure it prints the error
// and returns ok=false with exit code 1.
// Commands that only read use openExisting or openOrEmpty instead.
func (e *env) open() (*storage.Archive, int, bool) {
	if e.archive != nil {
		return e.archive, exitOK, true
	}
	path, err := e.path()
	if err != nil {
		return nil, e.fatal(err), false
	}
	a, err := storage.Open(path)
	if err != nil {
		var oe *storage.OpenError
		if errors.As(err, &oe) {
			fmt.Fprintf(e.stderr, "seedctl: %s\n", oe.Sentence())
			return nil, exitFatal, false
		}
		return nil, e.fatal(err), false
	}
	e.archive = a
	if !e.noSync {
		e.syncFirst(a)
	}
	return a, exitOK, true
}

// bulkPageCache readies SQLite's page cache for a command that fills it
// (import, link), before the archive is opened (storage.BulkPageCache).
// It is best effort: in a process that opened an archive before (tests
// run commands in one process) the cache stays as it was.
func (e *env) bulkPageCache() {
	if e.archive != nil {
		return
	}
	if path, err := e.path(); err == nil {
		_ = storage.BulkPageCache(path)
	}
}

// fatal prints "seedctl: ERR" and returns exit code 1.
func (e *env) fatal(err error) int {
	fmt.Fprintf(e.stderr, "seedctl: %s\n", termsafe.Escape(err.Error()))
	return exitFatal
}

// usage prints a usage error with a pointer to the command's help and
// returns exit code 2.
func (e *env) usage(format string, args ...any) int {
	name := "seedctl"
	if e.cmd != nil {
		name += " " + e.cmd.Name
	}
	fmt.Fprintf(e.stderr, "%s: %s\nRun '%s -h' for help.\n", name, termsafe.Escape(fmt.Sprintf(format, args...)), name)
	return exitUsage
}

// queryError reports err as a malformed query (the query with a caret under
// the problem) and returns 2, or returns ok=false when err is not about a query.
func (e *env) queryError(err error) (int, bool) {
	var qe *query.Error
	if !errors.As(err, &qe) {
		return 0, false
	}
	fmt.Fprintf(e.stderr, "seedctl: bad query: %s\n", termsafe.Escape(qe.Error()))
	for _, line := range strings.Split(qe.Caret(), "\n") {
		fmt.Fprintf(e.stderr, "  %s\n", line)
	}
	return exitUsage, true
}

// checkQuery validates a user query before use, so that an error's caret
// points into what the user typed. It returns ok=false with exit code 2.
func (e *env) checkQuery(q string) (int, bool) {
	if _, err := query.Parse(q); err != nil {
		if code, isQuery := e.queryError(err); isQuery {
			return code, false
		}
		return e.usage("bad query: %v", err), false
	}
	return exitOK, true
}

// fail prints err the right way: a query error with its caret (exit 2),
// anything else as fatal (exit 1).
func (e *env) fail(err error) int {
	if code, ok := e.queryError(err); ok {
		return code
	}
	return e.fatal(err)
}

// printHelp prints a command's usage, flags (in --name form) and help.
func (e *env) printHelp(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, "usage: seedctl %s\n", e.cmd.Usage)
	first := true
	fs.VisitAll(func(f *flag.Flag) {
		if first {
			fmt.Fprintf(w, "\nFlags:\n")
			first = false
		}
		arg, usage := flag.UnquoteUsage(f)
		if arg != "" {
			arg = " " + arg
		}
		fmt.Fprintf(w, "  --%s%s\n        %s", f.Name, arg, usage)
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.Name != "db" {
			fmt.Fprintf(w, " (default %q)", f.DefValue)
		}
		fmt.Fprintln(w)
	})
	if e.cmd.Help != "" {
		fmt.Fprintf(w, "\n%s", e.cmd.Help)
		if !strings.HasSuffix(e.cmd.Help, "\n") {
			fmt.Fprintln(w)
		}
	}
}

// printOverview lists the commands.
func printOverview(w io.Writer) {
	fmt.Fprint(w, `usage: seedctl [--db PATH] COMMAND [flags] [args]

Seed Archive from the command line. The archive is --db PATH, else
$SEEDARCHIVE_DB, else the per-user archive.

Commands:
`)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].Summary)
	}
	fmt.Fprint(w, `
Run 'seedctl COMMAND -h' for a command's flags and examples.
Exit status: 0 ok, 1 error, 2 usage error (nothing changed), 3 partly done:
an import with refused inputs, an images fetch with images not cached.
`)
}

func init() {
	register(&command{
		Name:    "help",
		Summary: "show help for seedctl or a command",
		Usage:   "help [COMMAND]",
		Help:    "Examples:\n  seedctl help\n  seedctl help import\n",
		Run: func(e *env, args []string) int {
			fs := e.flagSet("help")
			pos, code, ok := e.parse(fs, args)
			if !ok {
				return code
			}
			if len(pos) == 0 {
				printOverview(e.stdout)
				return exitOK
			}
			c, found := commands[pos[0]]
			if !found {
				return e.usage("unknown command %q", pos[0])
			}
			return c.Run(&env{ctx: e.ctx, stdin: e.stdin, stdout: e.stdout, stderr: e.stderr, cmd: c}, []string{"-h"})
		},
	})
}

// plural is "1 noun" or "N nouns".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// wereStored is "1 noun was" or "N nouns were".
func wereStored(n int, noun string) string {
	if n == 1 {
		return plural(n, noun) + " was"
	}
	return plural(n, noun) + " were"
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
