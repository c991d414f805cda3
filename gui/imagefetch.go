package gui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/internal/images"
	"github.com/seedarchive/seedarchive/storage"
)

// fetchRequest is one image fetch: the articles matching a query, or the
// images of given articles (those an import just stored).
type fetchRequest struct {
	label       string  // "Fetching images", shown with the counts
	query       string  // with ids == nil: the articles matching it ("" = all)
	ids         []int64 // the articles whose images to fetch
	retryFailed bool    // also fetch failures not due for a retry yet
}

// imageJobs runs image fetches one at a time beside the main job (an
// import may start while images download), with progress and Cancel in the
// status bar's image slot; requests made meanwhile wait their turn. It
// also holds the archive's image cache and the image preferences. Only
// the UI goroutine touches it; it takes what it needs, not the window.
type imageJobs struct {
	win         fyne.Window
	prefs       fyne.Preferences
	res         *results // the query a fetch may cover
	arc         func() *storage.Archive
	tasks       *tasks
	status      *statusBar
	thumbs      *swapSource     // every thumbnail's source, switched with the archive
	fetcher     *images.Fetcher // the archive's image cache: thumbnails and fetches
	reloadViews func()          // the views show the images fetched so far
	menuChanged func()          // the menus show a changed preference

	queue   []fetchRequest
	running bool
	stop    context.CancelFunc
	done    chan struct{} // closed when the running fetch returned
	reload  time.Time     // when the visible thumbnails were last reloaded

	// onFinished is a test hook, called after each fetch with its summary.
	onFinished func(images.Summary, error)
}

// progressEvery throttles the progress shown.
const progressEvery = 100 * time.Millisecond

// thumbReloadEvery is how often a running fetch reloads the visible
// thumbnails, so that images appear as they arrive.
const thumbReloadEvery = 2 * time.Second

// request queues a fetch and starts it unless one runs.
func (j *imageJobs) request(r fetchRequest) {
	j.queue = append(j.queue, r)
	if j.running {
		j.status.say(fmt.Sprintf("%s: queued after the running image fetch", r.label))
		return
	}
	j.next()
}

// cancel stops the running fetch and drops the queued ones; it returns a
// channel closed once the running fetch returned (nil if none ran).
func (j *imageJobs) cancel() <-chan struct{} {
	j.queue = nil
	if !j.running {
		return nil
	}
	j.stop()
	return j.done
}

// next starts the first queued request.
func (j *imageJobs) next() {
	if len(j.queue) == 0 {
		return
	}
	r := j.queue[0]
	j.queue = j.queue[1:]
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	j.running, j.stop, j.done = true, stop, done
	slot := j.status.images
	slot.start(r.label+"…", stop)
	arc, f := j.arc(), j.fetcher
	if r.retryFailed {
		opts := j.imageOptions()
		opts.RetryFailed = true
		f = images.NewFetcher(arc, opts)
	}
	progress := func(text string) images.ProgressFunc {
		var last time.Time // the fetch calls it from one goroutine
		return func(n, total int) {
			if n < total && time.Since(last) < progressEvery {
				return
			}
			last = time.Now()
			j.tasks.Send(func() {
				if arc == j.arc() {
					slot.set(fmt.Sprintf("%s %s of %s", text, thousands(n), thousands(total)), n, total)
					j.reloadSometimes()
				}
			})
		}
	}
	j.tasks.Go(func() func() {
		defer close(done)
		sum, err := runFetch(ctx, arc, f, r, progress)
		return func() {
			stop()
			j.running, j.stop = false, nil
			slot.end()
			if arc == j.arc() { // else another archive was opened meanwhile
				j.status.say(fetchMessage(sum, err))
				j.reloadThumbs()
				if j.onFinished != nil {
					j.onFinished(sum, err)
				}
			}
			j.next()
		}
	})
}

// reloadSometimes reloads the visible thumbnails at most every
// thumbReloadEvery while a fetch runs.
func (j *imageJobs) reloadSometimes() {
	if time.Since(j.reload) >= thumbReloadEvery {
		j.reloadThumbs()
	}
}

// runFetch does r off the UI goroutine. For given articles it first reads
// their image URLs (or, when they are every article in the archive, simply
// fetches everything pending).
func runFetch(ctx context.Context, arc *storage.Archive, f *images.Fetcher, r fetchRequest,
	progress func(text string) images.ProgressFunc) (images.Summary, error) {
	if r.ids == nil {
		return f.Fetch(ctx, r.query, progress("Fetching images"))
	}
	if n, err := arc.Count(ctx, ""); err == nil && n <= len(r.ids) {
		return f.Fetch(ctx, "", progress("Fetching images"))
	}
	urls, err := imageURLs(ctx, arc, r.ids, progress("Reading articles"))
	if err != nil || len(urls) == 0 {
		return images.Summary{}, err
	}
	return f.FetchURLs(ctx, urls, progress("Fetching images"))
}

// imageURLs lists the image URLs of the articles ids; articles deleted
// meanwhile are skipped.
func imageURLs(ctx context.Context, arc *storage.Archive, ids []int64, progress images.ProgressFunc) ([]string, error) {
	var urls []string
	for i, id := range ids {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rec, err := arc.Get(ctx, id)
		if errors.Is(err, storage.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read article %d: %w", id, err)
		}
		for _, img := range rec.Doc.Images() {
			urls = append(urls, img.URL)
		}
		progress(i+1, len(ids))
	}
	return urls, nil
}

// fetchMessage sums a fetch up for the status bar.
func fetchMessage(sum images.Summary, err error) string {
	if sum.Total == 0 && err == nil {
		return "Images: nothing to fetch"
	}
	msg := fmt.Sprintf("Images: %s fetched, %s failed", thousands(sum.Cached), thousands(sum.Failed))
	if sum.Skipped > 0 {
		msg += fmt.Sprintf(", %s cached before", thousands(sum.Skipped))
	}
	msg += " (" + thousands(sum.Total) + " in all)"
	switch {
	case errors.Is(err, context.Canceled):
		msg += " — cancelled"
	case err != nil:
		msg += " — stopped: " + err.Error()
	}
	return msg
}

// reloadThumbs shows the images fetched so far wherever thumbnails wait.
func (j *imageJobs) reloadThumbs() {
	j.reload = time.Now()
	j.reloadViews()
}

// open gives every thumbnail the image cache of arc, the archive opened.
func (j *imageJobs) open(arc *storage.Archive) {
	j.fetcher = images.NewFetcher(arc, j.imageOptions())
	j.thumbs.set(thumbSource{f: j.fetcher})
}

// fetchAfterImport fetches the images of the articles an import stored, in
// the background, when the preference is on.
func (j *imageJobs) fetchAfterImport(ids []int64) {
	if len(ids) == 0 || !j.prefs.BoolWithFallback(prefFetchAfterImport, true) {
		return
	}
	j.request(fetchRequest{label: "Fetching images of imported articles", ids: ids})
}

// imageOptions are the image fetcher's options the preferences set.
func (j *imageJobs) imageOptions() images.Options {
	return images.Options{AllowLocal: j.prefs.Bool(prefFetchLocal)}
}

// setFetchLocal lets image URLs reach hosts on the local network, or not
// (the default: seed files from elsewhere cannot make the app send requests
// into the user's network).
func (j *imageJobs) setFetchLocal(on bool) {
	j.prefs.SetBool(prefFetchLocal, on)
	j.open(j.arc())
	j.menuChanged()
}

// setFetchAfterImport turns fetching after imports on or off.
func (j *imageJobs) setFetchAfterImport(on bool) {
	j.prefs.SetBool(prefFetchAfterImport, on)
	j.menuChanged()
}

// fetchAfterImportItem toggles fetching the images of imported articles.
func (j *imageJobs) fetchAfterImportItem() *fyne.MenuItem {
	on := j.prefs.BoolWithFallback(prefFetchAfterImport, true)
	it := fyne.NewMenuItem("Fetch images after import", func() { j.setFetchAfterImport(!on) })
	it.Checked = on
	return it
}

// fetchLocalItem toggles fetching images from hosts on the local network.
func (j *imageJobs) fetchLocalItem() *fyne.MenuItem {
	on := j.prefs.Bool(prefFetchLocal)
	it := fyne.NewMenuItem("Fetch images from the local network", func() { j.setFetchLocal(!on) })
	it.Checked = on
	return it
}

// fetchImagesDialog asks which articles' images to fetch, then queues the
// fetch: the current search or the whole archive, optionally retrying
// images that failed before.
func (j *imageJobs) fetchImagesDialog() {
	choices := []string{
		fmt.Sprintf("Articles of the current search (%s)", thousands(j.res.Len())),
		"Every article in the archive",
	}
	scope := widget.NewRadioGroup(choices, nil)
	scope.Required = true
	scope.SetSelected(choices[0])
	if j.res.query == "" {
		scope.SetSelected(choices[1])
	}
	retry := widget.NewCheck("Also retry the images that failed before", nil)
	note := widgets.NewCaption("Images are downloaded once and kept in the archive, so that they show offline. "+
		"The fetch runs in the background; the status bar shows its progress and a Cancel button.", theme.SizeNameCaptionText)
	items := []*widget.FormItem{
		widget.NewFormItem("Fetch the images of", scope),
		widget.NewFormItem("", retry),
		widget.NewFormItem("", note),
	}
	d := dialog.NewForm("Fetch images", "Fetch", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		r := fetchRequest{label: "Fetching images", retryFailed: retry.Checked}
		if scope.Selected == choices[0] {
			r.query = j.res.query
		}
		j.request(r)
	}, j.win)
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	widgets.DialogKeys(d, j.win.Canvas(), d.Submit)
	d.Show()
}
