package editor

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/storage"
)

// changedLines returns the lines of b that differ from a, which must have
// the same number of lines.
func changedLines(t *testing.T, a, b []byte) []string {
	t.Helper()
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	if len(al) != len(bl) {
		t.Fatalf("line count changed from %d to %d:\n%s", len(al), len(bl), b)
	}
	var out []string
	for i := range al {
		if al[i] != bl[i] {
			out = append(out, bl[i])
		}
	}
	return out
}

func TestLoadShowsFields(t *testing.T) {
	h := newHarness(t)
	v := h.e.v
	for path, want := range map[string]string{
		"category":          "news",
		"title":             "A perspective on the study of artificial and biological neural networks",
		"publishedDateTime": "2020-02-24T17:51:00Z",
		"quality":           "39",
		"heat":              "39",
		"published":         "false",
		"provider.name":     "Medical Xpress",
		"provider.domain":   "medicalxpress.com",
		"type":              "article",
	} {
		if got := h.field(path).text(); got != want {
			t.Errorf("%s shows %q, want %q", path, got, want)
		}
	}
	if got := h.field("publishedDateTime").local.Text; got == "" || !strings.Contains(got, "2020") {
		t.Errorf("local time shows %q", got)
	}
	if !h.field("webUrl").open.Disabled() == false {
		t.Error("open button of a valid URL is disabled")
	}
	if got := v.topics.Items(); !slices.Equal(got, []string{"AI", "Machine Learning"}) {
		t.Errorf("topics = %v", got)
	}
	if len(v.related.cards) != 2 || v.related.cards[1].fields["title"].text() != "Deep learning meets neuroscience" {
		t.Errorf("related cards = %d", len(v.related.cards))
	}
	if !strings.HasPrefix(v.secured.Text, "0VHdWOXvptG4") || !v.secured.Selectable {
		t.Errorf("secured = %q", v.secured.Text)
	}
	if !strings.Contains(v.extra.Text, "readingTime: 4") {
		t.Errorf("unknown fields = %q", v.extra.Text)
	}
	if !strings.Contains(v.body.Text, "## Findings") {
		t.Errorf("body = %q", v.body.Text)
	}
	if got := len(v.images.box.Objects); got != 1 {
		t.Errorf("%d thumbnails, want 1", got)
	}
	if v.heading.Text != h.field("title").text() || h.e.Dirty() || h.e.CanUndo() {
		t.Errorf("heading %q dirty %v", v.heading.Text, h.e.Dirty())
	}
	if !v.save.Disabled() || v.status.Text != "" {
		t.Errorf("clean editor: save enabled %v, status %q", !v.save.Disabled(), v.status.Text)
	}
	if got := v.fields["category"].sel; got == nil {
		t.Error("category is not a select entry")
	}
}

func TestEditTitleSaveReadBack(t *testing.T) {
	h := newHarness(t)
	h.typeInto(h.field("title"), " (revised)")
	if !h.e.Dirty() || h.e.v.status.Text != "● Unsaved changes" {
		t.Fatalf("after typing: dirty %v status %q", h.e.Dirty(), h.e.v.status.Text)
	}
	if h.e.v.save.Disabled() {
		t.Fatal("Save disabled with a valid edit")
	}
	// Ctrl+S from the focused field saves.
	h.field("title").entry.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierControl})
	h.settle()
	if !slices.Equal(h.saved, []int64{h.id}) || h.e.Dirty() || h.e.v.status.Text != "Saved" {
		t.Fatalf("after save: saved %v dirty %v status %q", h.saved, h.e.Dirty(), h.e.v.status.Text)
	}
	got := changedLines(t, h.text, h.stored())
	want := []string{`title: "A perspective on the study of artificial and biological neural networks (revised)"`}
	if !slices.Equal(got, want) {
		t.Fatalf("changed lines = %q, want %q", got, want)
	}
	if !slices.Equal(h.dirties, []bool{true, false}) {
		t.Fatalf("OnDirtyChanged calls = %v", h.dirties)
	}
}

// leaveDialog returns the buttons of the open ConfirmLeave dialog.
func leaveDialog(t *testing.T, h *harness) (save, discard, cancel *widget.Button) {
	t.Helper()
	if h.e.v.leave == nil || h.w.Canvas().Overlays().Top() == nil {
		t.Fatal("no dialog shown")
	}
	b := h.e.v.leaveButtons
	return b[0], b[1], b[2]
}

func TestConfirmLeave(t *testing.T) {
	h := newHarness(t)
	var answers []bool
	then := func(ok bool) { answers = append(answers, ok) }

	h.e.ConfirmLeave(then) // clean: proceeds at once, no dialog
	if !slices.Equal(answers, []bool{true}) || h.w.Canvas().Overlays().Top() != nil {
		t.Fatalf("clean editor: answers %v", answers)
	}

	h.typeInto(h.field("title"), " X")
	h.e.ConfirmLeave(then)
	_, _, cancel := leaveDialog(t, h)
	test.Tap(cancel)
	if !slices.Equal(answers, []bool{true, false}) || !h.e.Dirty() {
		t.Fatalf("cancel: answers %v dirty %v", answers, h.e.Dirty())
	}

	h.e.ConfirmLeave(then)
	_, discard, _ := leaveDialog(t, h)
	test.Tap(discard)
	if !slices.Equal(answers, []bool{true, false, true}) || h.e.Dirty() || !bytes.Equal(h.e.Text(), h.text) {
		t.Fatalf("discard: answers %v dirty %v", answers, h.e.Dirty())
	}

	h.typeInto(h.field("title"), " Y")
	h.e.ConfirmLeave(then)
	save, _, _ := leaveDialog(t, h)
	test.Tap(save)
	h.settle()
	if !slices.Equal(answers, []bool{true, false, true, true}) || h.e.Dirty() {
		t.Fatalf("save: answers %v dirty %v", answers, h.e.Dirty())
	}
	if !strings.Contains(string(h.stored()), "networks Y\"") {
		t.Fatal("Save in the dialog did not store the edit")
	}
}

func TestConfirmLeaveInvalidOffersNoSave(t *testing.T) {
	h := newHarness(t)
	h.setText(h.field("heat"), "hot")
	h.e.ConfirmLeave(func(bool) {})
	save, _, _ := leaveDialog(t, h)
	if !save.Disabled() {
		t.Fatal("Save offered for an invalid article")
	}
}

func TestLoadMissingArticle(t *testing.T) {
	h := newHarness(t)
	h.e.Load(9999) // deleted meanwhile: the editor shows nothing
	h.settle()
	if h.e.ID() != 0 || !h.e.v.message.Visible() || h.e.v.message.Text != placeholder || h.e.v.content.Visible() {
		t.Fatalf("message %q visible %v", h.e.v.message.Text, h.e.v.message.Visible())
	}
}

// failingStore refuses every update.
type failingStore struct{ Store }

func (failingStore) Edit(context.Context, []int64, storage.EditFunc) ([]storage.Edited, error) {
	return nil, errors.New("disk full")
}

func TestSaveErrorKeepsEdits(t *testing.T) {
	h := newHarness(t)
	h.e.store = failingStore{h.store}
	h.typeInto(h.field("title"), "?")
	h.e.Save()
	h.settle()
	if h.e.v.lastSaveErr == nil || !strings.Contains(h.e.v.lastSaveErr.Error(), "disk full") {
		t.Fatalf("save error = %v", h.e.v.lastSaveErr)
	}
	if !h.e.Dirty() || !strings.HasSuffix(h.field("title").text(), "?") || len(h.saved) != 0 {
		t.Fatal("failed save lost the edits")
	}
	if h.w.Canvas().Overlays().Top() == nil {
		t.Fatal("no error dialog")
	}
}

var _ Store = failingStore{}
var _ = storage.ErrNotFound

// In the unsaved-changes dialog Escape cancels and Enter saves.
func TestConfirmLeaveKeys(t *testing.T) {
	h := newHarness(t)
	var answers []bool
	then := func(ok bool) { answers = append(answers, ok) }
	h.typeInto(h.field("title"), " K")
	h.e.ConfirmLeave(then)
	leaveDialog(t, h)
	h.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !slices.Equal(answers, []bool{false}) || h.w.Canvas().Overlays().Top() != nil || !h.e.Dirty() {
		t.Fatalf("Escape: answers %v, dialog open %v, dirty %v", answers, h.w.Canvas().Overlays().Top() != nil, h.e.Dirty())
	}
	h.e.ConfirmLeave(then)
	leaveDialog(t, h)
	h.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if !slices.Equal(answers, []bool{false, true}) || h.e.Dirty() || !strings.Contains(string(h.stored()), "networks K\"") {
		t.Fatalf("Enter: answers %v, dirty %v", answers, h.e.Dirty())
	}
}
