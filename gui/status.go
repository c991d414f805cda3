package gui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// statusBar shows "N of M articles", the selection, a hint (the hovered
// cell's full text or the last action) and the progress of a running job
// with its Cancel button.
type statusBar struct {
	counts   *widget.Label
	hint     *widget.Label
	progress *widget.ProgressBar
	job      *widget.Label
	cancel   *widget.Button
	view     fyne.CanvasObject
	stop     context.CancelFunc
	message  string
}

func newStatusBar() *statusBar {
	s := &statusBar{
		counts:   widget.NewLabel(""),
		hint:     widget.NewLabel(""),
		progress: widget.NewProgressBar(),
		job:      widget.NewLabel(""),
	}
	s.hint.Truncation = fyne.TextTruncateEllipsis
	s.hint.Importance = widget.LowImportance
	s.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		if s.stop != nil {
			s.stop()
		}
	})
	s.cancel.Importance = widget.LowImportance
	jobBox := container.NewHBox(s.job, container.NewGridWrap(fyne.NewSize(220, s.progress.MinSize().Height), s.progress), s.cancel)
	s.view = container.NewBorder(widget.NewSeparator(), nil, s.counts, jobBox, s.hint)
	s.endJob()
	return s
}

// setCounts shows the number of matches, the archive's size and the selection.
func (s *statusBar) setCounts(matches, total, selected int) {
	text := fmt.Sprintf("%s of %s articles", thousands(matches), thousands(total))
	if selected > 1 {
		text += fmt.Sprintf(" · %s selected", thousands(selected))
	}
	s.counts.SetText(text)
}

// say shows a message until the next one (or a hover hint) replaces it.
func (s *statusBar) say(msg string) {
	s.message = msg
	s.setHint("")
}

// setHint shows a hovered cell's text, dimmed; "" goes back to the last message.
func (s *statusBar) setHint(text string) {
	s.hint.Importance = widget.LowImportance
	if text == "" || text == "…" {
		text = s.message
		s.hint.Importance = widget.MediumImportance
	}
	s.hint.SetText(text)
}

// startJob shows a job's progress with a Cancel button calling stop.
func (s *statusBar) startJob(name string, stop context.CancelFunc) {
	s.stop = stop
	s.job.SetText(name)
	s.progress.SetValue(0)
	s.job.Show()
	s.progress.Show()
	s.cancel.Show()
	s.cancel.Enable()
}

// jobProgress shows done of total.
func (s *statusBar) jobProgress(done, total int) {
	if total > 0 {
		s.progress.SetValue(float64(done) / float64(total))
	}
}

// endJob hides the progress.
func (s *statusBar) endJob() {
	s.stop = nil
	s.job.Hide()
	s.progress.Hide()
	s.cancel.Hide()
}

// busy reports whether a job runs.
func (s *statusBar) busy() bool { return s.stop != nil }

// thousands formats n with thin separators: 100,000.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// articles is "1 article" or "N articles".
func articles(n int) string {
	if n == 1 {
		return "1 article"
	}
	return thousands(n) + " articles"
}
