package gui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/internal/numfmt"
)

// statusBar shows "N of M articles", the selection, the last action's
// message and the progress of the running
// jobs, each with its Cancel button: the main job (import, export, a bulk
// edit) and an image fetch, which runs beside it.
type statusBar struct {
	counts *widget.Label
	hint   *widget.Label
	main   *jobSlot
	images *jobSlot
	view   fyne.CanvasObject
	// problems counts the linked folders' problem files and lists them.
	problems *widget.Button

	// The main job's widgets, for its callers.
	job      *widget.Label
	progress *widget.ProgressBar
	cancel   *widget.Button
}

// jobSlot is one job's place in the status bar: its name and count, a
// progress bar and a Cancel button, hidden while no job runs.
type jobSlot struct {
	label    *widget.Label
	progress *widget.ProgressBar
	cancel   *widget.Button
	stop     context.CancelFunc
	box      *fyne.Container
}

func newJobSlot(barWidth float32) *jobSlot {
	j := &jobSlot{label: widget.NewLabel(""), progress: widget.NewProgressBar()}
	j.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		if j.stop != nil {
			j.stop()
		}
	})
	j.cancel.Importance = widget.LowImportance
	j.box = container.NewHBox(j.label,
		container.NewCenter(container.NewGridWrap(fyne.NewSize(barWidth, j.progress.MinSize().Height), j.progress)),
		j.cancel)
	j.end()
	return j
}

// start shows a job called name, with a Cancel button calling stop.
func (j *jobSlot) start(name string, stop context.CancelFunc) {
	j.stop = stop
	j.label.SetText(name)
	j.progress.SetValue(0)
	j.cancel.Enable()
	j.box.Show()
}

// set shows the job's text and done of total.
func (j *jobSlot) set(text string, done, total int) {
	j.label.SetText(text)
	if total > 0 {
		j.progress.SetValue(float64(done) / float64(total))
	}
}

// end hides the slot.
func (j *jobSlot) end() {
	j.stop = nil
	j.box.Hide()
}

// running reports whether the slot shows a job.
func (j *jobSlot) running() bool { return j.stop != nil }

func newStatusBar() *statusBar {
	s := &statusBar{
		counts: widget.NewLabel(""),
		hint:   widget.NewLabel(""),
		main:   newJobSlot(220),
		images: newJobSlot(140),
	}
	s.job, s.progress, s.cancel = s.main.label, s.main.progress, s.main.cancel
	s.hint.Truncation = fyne.TextTruncateEllipsis
	s.problems = widget.NewButtonWithIcon("", theme.WarningIcon(), nil)
	s.problems.Importance = widget.LowImportance
	s.problems.Hide()
	s.view = container.NewBorder(widget.NewSeparator(), nil, s.counts,
		container.NewHBox(s.problems, s.images.box, s.main.box), s.hint)
	return s
}

// setCounts shows the number of matches ("200+" until they are counted),
// the archive's size and the selection.
func (s *statusBar) setCounts(matches int, counted bool, total, selected int) {
	more := ""
	if !counted {
		more = "+" // a moment after a search: the rows read so far
	}
	text := fmt.Sprintf("%s%s of %s articles", thousands(matches), more, thousands(total))
	if selected > 1 {
		text += fmt.Sprintf(" · %s selected", thousands(selected))
	}
	s.counts.SetText(text)
}

// say shows a message until the next one replaces it.
func (s *statusBar) say(msg string) {
	s.hint.SetText(msg)
}

// startJob shows the main job's progress with a Cancel button calling stop.
func (s *statusBar) startJob(name string, stop context.CancelFunc) { s.main.start(name, stop) }

// jobProgress shows done of total for the main job.
func (s *statusBar) jobProgress(done, total int) {
	if total > 0 {
		s.main.progress.SetValue(float64(done) / float64(total))
	}
}

// endJob hides the main job's progress.
func (s *statusBar) endJob() { s.main.end() }

// busy reports whether a main job runs.
func (s *statusBar) busy() bool { return s.main.running() }

// stop cancels the main job.
func (s *statusBar) stop() {
	if s.main.stop != nil {
		s.main.stop()
	}
}

// thousands formats a count for the window: 100,000.
func thousands(n int) string { return numfmt.Int(n) }

// articles is "1 article" or "N articles".
func articles(n int) string {
	if n == 1 {
		return "1 article"
	}
	return thousands(n) + " articles"
}
