package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/seedarchive/seedarchive/internal/images"
	"github.com/seedarchive/seedarchive/internal/termsafe"
	"github.com/seedarchive/seedarchive/storage"
)

func init() {
	register(&command{
		Name:    "images",
		Summary: "fetch, list and export the images articles reference",
		Usage:   "images fetch|list|thumb|prune ...",
		Help: `Keeps the images that articles reference (related[].images[] and the same
shape elsewhere) available offline: each is fetched once, checked to be a
JPEG, PNG, GIF or WebP image, and stored in the archive as a thumbnail of
at most 320 pixels a side, with the original's dimensions.

  images fetch [--where QUERY] [flags]   fetch every pending image of the
                                         matching articles (all without --where)
  images list [--where QUERY] [--status S] [--json]
                                         each image URL with its status
  images thumb [--force] URL FILE        write a cached thumbnail (FILE - : stdout);
                                         an existing FILE only with --force
  images prune                           forget cached images no article references

An image is pending (never fetched), cached, or failed with the reason. A
failure that may pass (a server error, a timeout, no connection) is retried
by a later fetch after an hour, doubling with each failure; other failures
(404, not an image, too large, a refused URL) only with --retry-failed.
fetch lists every failed image of the matching articles on stderr with its
reason and exits with status 3 when any image is not cached.

list --json prints one object a line: url, status, width, height (of the
original), thumbWidth, thumbHeight and error.

Examples:
  seedctl images fetch
  seedctl images fetch --where 'topic:AI' --per-host 4
  seedctl images list --status failed
  seedctl images list --json --where 'set:Reading' | jq -r .url
  seedctl images thumb 'https://example.com/a.jpg' a.jpg
`,
		Run: runImages,
	})
}

func runImages(e *env, args []string) int {
	if len(args) == 0 {
		return e.usage("want a subcommand: fetch, list, thumb or prune")
	}
	switch args[0] {
	case "fetch":
		return runImagesFetch(e, args[1:])
	case "list":
		return runImagesList(e, args[1:])
	case "thumb":
		return runImagesThumb(e, args[1:])
	case "prune":
		return runImagesPrune(e, args[1:])
	case "-h", "-help", "--help":
		e.printHelp(e.stdout, e.flagSet("images"))
		return exitOK
	}
	return e.usage("unknown subcommand %q (want fetch, list, thumb or prune)", args[0])
}

func runImagesFetch(e *env, args []string) int {
	fs := e.flagSet("images fetch")
	where := fs.String("where", "", "fetch the images of the articles matching `QUERY`")
	retry := fs.Bool("retry-failed", false, "retry every failed image, not only those due")
	keep := fs.Bool("keep-originals", false, "store the original image bytes too")
	workers := fs.Int("workers", 8, "fetch at most `N` images at once")
	perHost := fs.Int("per-host", 2, "fetch at most `N` images at once from one host")
	timeout := fs.Duration("timeout", 30*time.Second, "give up on one attempt after `D`")
	quiet := fs.Bool("quiet", false, "no progress bar or summary (failures are still listed)")
	local := fs.Bool("allow-local", false, "also fetch from hosts on the local network (loopback, private and link-local addresses)")
	pos, code, ok := e.parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return e.usage("unexpected argument %q (quote the query of --where)", pos[0])
	}
	if *workers < 1 || *perHost < 1 || *timeout <= 0 {
		return e.usage("--workers and --per-host must be at least 1, --timeout positive")
	}
	if code, ok := e.checkQuery(*where); !ok {
		return code
	}
	a, code, ok := e.open()
	if !ok {
		return code
	}
	f := images.NewFetcher(a, images.Options{Workers: *workers, PerHost: *perHost, Timeout: *timeout,
		KeepOriginals: *keep, RetryFailed: *retry, AllowLocal: *local})
	bar := newImageBar(e, *quiet)
	sum, err := f.Fetch(e.ctx, *where, bar.update)
	bar.finish()
	if err != nil {
		code := e.fail(err)
		if sum.Cached+sum.Failed > 0 {
			fmt.Fprintf(e.stderr, "seedctl: %s stored before that; run the same fetch again to finish\n", wereStored(sum.Cached+sum.Failed, "image"))
		}
		return code
	}
	failed, err := listFailures(e, a, *where)
	if err != nil {
		return e.fail(err)
	}
	counts, err := a.ImageCounts(e.ctx, *where)
	if err != nil {
		return e.fail(err)
	}
	if !*quiet {
		are := "are"
		if counts.Cached == 1 {
			are = "is"
		}
		fmt.Fprintf(e.stdout, "fetched %s: %d cached, %d failed; of %s, %d %s cached, %d failed, %d pending\n",
			plural(sum.Cached+sum.Failed, "image"), sum.Cached, sum.Failed,
			plural(counts.Total, "image"), counts.Cached, are, counts.Failed, counts.Pending)
	}
	if failed > 0 || counts.Cached < counts.Total {
		return exitPartial
	}
	return exitOK
}

// listFailures prints every failed image of the matching articles on stderr
// and returns how many there are.
func listFailures(e *env, a *storage.Archive, where string) (int, error) {
	n := 0
	filter := storage.ImageFilter{Query: where, Status: storage.ImageFailed, Limit: 500}
	for {
		page, err := a.ImageStatuses(e.ctx, filter)
		if err != nil {
			return n, err
		}
		for _, i := range page {
			line := fmt.Sprintf("failed %s: %s", i.URL, i.Error)
			if !i.RetryAt.IsZero() {
				line += fmt.Sprintf(" (retry after %s)", i.RetryAt.Local().Format("2006-01-02 15:04"))
			}
			fmt.Fprintln(e.stderr, termsafe.Escape(line))
			n++
		}
		if len(page) < filter.Limit {
			return n, nil
		}
		filter.After = page[len(page)-1].URL
	}
}

// imageJSON is the --json shape of one image URL.
type imageJSON struct {
	URL         string `json:"url"`
	Status      string `json:"status"`
	Width       int    `json:"width"`
	Height      int    `json:"height"`
	ThumbWidth  int    `json:"thumbWidth"`
	ThumbHeight int    `json:"thumbHeight"`
	Error       string `json:"error"`
}

func runImagesList(e *env, args []string) int {
	fs := e.flagSet("images list")
	where := fs.String("where", "", "list the images of the articles matching `QUERY`")
	status := fs.String("status", "", "only images of `STATUS`: pending, cached or failed")
	asJSON := fs.Bool("json", false, "one JSON object a line")
	pos, code, ok := e.parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return e.usage("unexpected argument %q (quote the query of --where)", pos[0])
	}
	switch storage.ImageStatus(*status) {
	case "", storage.ImagePending, storage.ImageCached, storage.ImageFailed:
	default:
		return e.usage("--status must be pending, cached or failed, not %q", *status)
	}
	if code, ok := e.checkQuery(*where); !ok {
		return code
	}
	a, code, ok := e.openExisting()
	if !ok {
		return code
	}
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	tw := tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)
	if !*asJSON {
		fmt.Fprintln(tw, "STATUS\tSIZE\tTHUMB\tURL\tERROR")
	}
	filter := storage.ImageFilter{Query: *where, Status: storage.ImageStatus(*status), Limit: 500}
	for {
		page, err := a.ImageStatuses(e.ctx, filter)
		if err != nil {
			return e.fail(err)
		}
		for _, i := range page {
			if *asJSON {
				err = enc.Encode(imageJSON{URL: i.URL, Status: string(i.Status), Width: i.Width, Height: i.Height,
					ThumbWidth: i.ThumbWidth, ThumbHeight: i.ThumbHeight, Error: i.Error})
			} else {
				_, err = fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", i.Status, dims(i.Width, i.Height),
					dims(i.ThumbWidth, i.ThumbHeight), termsafe.Escape(i.URL), termsafe.Escape(i.Error))
			}
			if err != nil {
				return e.fatal(err)
			}
		}
		if len(page) < filter.Limit {
			break
		}
		filter.After = page[len(page)-1].URL
		if err := tw.Flush(); err != nil { // keep memory flat: one page at a time
			return e.fatal(err)
		}
	}
	if err := tw.Flush(); err != nil {
		return e.fatal(err)
	}
	if err := out.Flush(); err != nil {
		return e.fatal(err)
	}
	return exitOK
}

func dims(w, h int) string {
	if w == 0 && h == 0 {
		return "-"
	}
	return fmt.Sprintf("%dx%d", w, h)
}

func runImagesThumb(e *env, args []string) int {
	flags := e.flagSet("images thumb")
	force := flags.Bool("force", false, "overwrite an existing FILE")
	pos, code, ok := e.parse(flags, args)
	if !ok {
		return code
	}
	if len(pos) != 2 {
		return e.usage("images thumb: want URL and FILE")
	}
	url, file := pos[0], pos[1]
	a, code, ok := e.open()
	if !ok {
		return code
	}
	data, info, err := images.NewFetcher(a, images.Options{}).ThumbnailBytes(e.ctx, url)
	if err != nil {
		return e.fatal(err)
	}
	if file == "-" {
		if _, err := e.stdout.Write(data); err != nil {
			return e.fatal(err)
		}
		return exitOK
	}
	if err := writeFileAtomic(file, data, *force); err != nil {
		code := e.fatal(err)
		if errors.Is(err, fs.ErrExist) {
			fmt.Fprintln(e.stderr, "seedctl: nothing was written; use --force to overwrite")
		}
		return code
	}
	fmt.Fprintf(e.stdout, "wrote %s: %s %dx%d\n", termsafe.Escape(file), info.ThumbMIME, info.ThumbWidth, info.ThumbHeight)
	return exitOK
}

// writeFileAtomic writes data to a temporary file beside path and moves it
// into place. Without overwrite an existing path is refused (the error wraps
// fs.ErrExist), as export refuses existing files: the temporary file is
// hard-linked to path, which fails if path exists even when it appeared
// after the check, and a check before writing stands in where the file
// system has no hard links.
func writeFileAtomic(path string, data []byte, overwrite bool) error {
	if !overwrite {
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("write %s: %w", path, fs.ErrExist)
		}
	}
	dir, base := ".", path
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		dir, base = path[:i+1], path[i+1:]
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = place(tmp.Name(), path, overwrite)
	}
	_ = os.Remove(tmp.Name()) // gone after a rename; after a link, the second name
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// place moves the file tmp to path: a rename, or without overwrite a hard
// link that refuses an existing path (a rename where links are not supported).
func place(tmp, path string, overwrite bool) error {
	if overwrite {
		return os.Rename(tmp, path)
	}
	err := os.Link(tmp, path)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrExist):
		return fs.ErrExist
	case errors.Is(err, errors.ErrUnsupported), errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EXDEV),
		errors.Is(err, syscall.EMLINK):
		return os.Rename(tmp, path)
	}
	return err
}

func runImagesPrune(e *env, args []string) int {
	pos, code, ok := e.parse(e.flagSet("images prune"), args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return e.usage("images prune takes no arguments")
	}
	a, code, ok := e.open()
	if !ok {
		return code
	}
	n, err := a.PruneOrphanImages(e.ctx)
	if err != nil {
		return e.fatal(err)
	}
	fmt.Fprintf(e.stdout, "removed %s that no article references\n", plural(n, "cached image"))
	return exitOK
}

// imageBar is a progress bar on stderr, drawn only when stderr is a
// terminal and not quiet. A nil *imageBar does nothing.
type imageBar struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func newImageBar(e *env, quiet bool) *imageBar {
	if quiet || !isTerminal(e.stderr) {
		return nil
	}
	return &imageBar{w: e.stderr}
}

func (b *imageBar) update(done, total int) {
	if b == nil {
		return
	}
	if b.bar == nil {
		b.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(b.w),
			progressbar.OptionSetDescription("fetching images"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("images"),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	if total > b.bar.GetMax() {
		b.bar.ChangeMax(total)
	}
	_ = b.bar.Set(done)
}

func (b *imageBar) finish() {
	if b != nil && b.bar != nil {
		_ = b.bar.Finish()
	}
}
