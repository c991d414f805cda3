package editor

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/internal/uitree"
	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// changedLines returns the lines of b that differ from a, which must have
// the same number of lines.
func TestInvalidDateDisablesSave(t *testing.T) {
	h := newHarness(t)
	date := h.field("publishedDateTime")
	h.setText(date, "24/02/2020 17:51")
	if !date.msg.Visible() || !strings.Contains(date.msg.Text, "RFC 3339") {
		t.Fatalf("message = %q (visible %v)", date.msg.Text, date.msg.Visible())
	}
	if date.local.Text != "" {
		t.Fatalf("local time %q shown for an invalid date", date.local.Text)
	}
	if !h.e.v.save.Disabled() || h.e.Valid() || h.e.v.status.Text != "1 field to fix" {
		t.Fatalf("save enabled %v valid %v status %q", !h.e.v.save.Disabled(), h.e.Valid(), h.e.v.status.Text)
	}
	h.e.Save()
	h.settle()
	if len(h.saved) != 0 || !bytes.Equal(h.stored(), h.text) {
		t.Fatal("an invalid article was saved")
	}
	h.setText(date, "2020-02-25T09:00:00+01:00")
	if date.msg.Visible() || h.e.v.save.Disabled() || !strings.Contains(date.local.Text, "2020") {
		t.Fatalf("valid date: message %v, save disabled %v, local %q", date.msg.Visible(), h.e.v.save.Disabled(), date.local.Text)
	}
}

func TestIntegerFieldsRefuseText(t *testing.T) {
	h := newHarness(t)
	tests := []struct {
		text    string
		wantErr bool
		want    string // the quality line of the working copy
	}{
		{"high", true, "quality: 39"},
		{"4.5", true, "quality: 39"},
		{" 55 ", false, "quality: 55"},
		{"-3", false, "quality: -3"},
	}
	q := h.field("quality")
	for _, tc := range tests {
		h.setText(q, tc.text)
		if q.msg.Visible() != tc.wantErr {
			t.Errorf("%q: message visible %v (%q)", tc.text, q.msg.Visible(), q.msg.Text)
		}
		if !strings.Contains(string(h.e.Text()), "\n"+tc.want+"\n") {
			t.Errorf("%q: working copy lacks %q", tc.text, tc.want)
		}
		if h.e.Valid() == tc.wantErr {
			t.Errorf("%q: valid = %v", tc.text, h.e.Valid())
		}
	}
}

// TestLoadedWordForNumberShowsInvalid: quality: "high" as it came with the
// file shows as invalid (the archive keeps no value for it) without
// blocking a save of other fields; typing a number clears the message.
func TestLoadedWordForNumberShowsInvalid(t *testing.T) {
	h := newHarness(t)
	text := strings.Replace(string(h.text), "quality: 39", `quality: "high"`, 1)
	doc, err := seedfile.Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if err := h.store.Update(context.Background(), h.id, doc); err != nil {
		t.Fatal(err)
	}
	h.e.Load(h.id)
	h.settle()
	q := h.field("quality")
	if q.text() != "high" || !q.msg.Visible() || !strings.Contains(q.msg.Text, "keeps no value") {
		t.Fatalf("quality shows %q, message %v %q; want high, marked invalid", q.text(), q.msg.Visible(), q.msg.Text)
	}
	h.typeInto(h.field("title"), "!")
	if !h.e.Valid() {
		t.Error("the loaded value blocks saving another field")
	}
	h.setText(q, "70")
	if q.msg.Visible() {
		t.Errorf("message still shown for 70: %q", q.msg.Text)
	}
}

func TestUndoRedoAcrossFields(t *testing.T) {
	h := newHarness(t)
	title, excerpt := h.field("title"), h.field("excerpt")
	t0, x0 := title.text(), excerpt.text()
	h.typeInto(title, "!!")
	h.typeInto(excerpt, " More.")
	if !h.e.CanUndo() || h.e.CanRedo() {
		t.Fatal("undo state after typing")
	}
	// Ctrl+Z in a field undoes the editor's last step: the whole typing in excerpt.
	excerpt.entry.TypedShortcut(&fyne.ShortcutUndo{})
	if title.text() != t0+"!!" || excerpt.text() != x0 {
		t.Fatalf("after one undo: title %q excerpt %q", title.text(), excerpt.text())
	}
	h.e.Undo()
	if title.text() != t0 || h.e.Dirty() || h.e.CanUndo() {
		t.Fatalf("after two undos: title %q dirty %v", title.text(), h.e.Dirty())
	}
	// Ctrl+Shift+Z and Ctrl+Y redo.
	title.entry.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift})
	title.entry.TypedShortcut(&fyne.ShortcutRedo{})
	if title.text() != t0+"!!" || excerpt.text() != x0+" More." || h.e.CanRedo() {
		t.Fatalf("after redo: title %q excerpt %q", title.text(), excerpt.text())
	}
	if !strings.Contains(string(h.e.Text()), "networks!!\"") {
		t.Fatal("redo did not reach the working copy")
	}
	// A new edit after undo drops the redo steps.
	h.e.Undo()
	h.typeInto(title, "?")
	if h.e.CanRedo() {
		t.Fatal("redo kept after a new edit")
	}
}

func TestDirtyMarkerAndRevert(t *testing.T) {
	h := newHarness(t)
	h.setText(h.field("category"), "opinion")
	h.field("published").check.SetChecked(true)
	if !h.e.Dirty() || h.e.v.status.Text != "● Unsaved changes" || h.e.v.revert.Disabled() {
		t.Fatalf("dirty %v status %q", h.e.Dirty(), h.e.v.status.Text)
	}
	test.Tap(h.e.v.revert)
	if h.e.Dirty() || h.field("category").text() != "news" || h.field("published").text() != "false" {
		t.Fatalf("after revert: dirty %v category %q", h.e.Dirty(), h.field("category").text())
	}
	if !bytes.Equal(h.e.Text(), h.text) || h.e.v.status.Text != "" {
		t.Fatal("revert did not restore the loaded text")
	}
	h.e.Undo() // revert is a step of its own
	if h.field("category").text() != "opinion" || !h.e.Dirty() {
		t.Fatal("undo of revert lost the edits")
	}
	if !slices.Equal(h.dirties, []bool{true, false, true}) {
		t.Fatalf("OnDirtyChanged calls = %v", h.dirties)
	}
}

func TestTopicChips(t *testing.T) {
	h := newHarness(t)
	chips := h.e.v.topics
	entry := chips.EntryWidget()
	h.w.Canvas().Focus(entry)
	test.Type(entry, "Neuro")
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // "+ New topic “Neuro”"
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	test.Tap(test.WidgetRenderer(chips.Chips()[0]).Objects()[2].(fyne.Tappable)) // close "AI"
	want := []string{"Machine Learning", "Neuro"}
	doc, err := seedfile.Parse(h.e.Text())
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Article().Topics; !slices.Equal(got, want) {
		t.Fatalf("topics in the working copy = %v, want %v", got, want)
	}
	h.e.Undo() // the removal
	if got := chips.Items(); !slices.Equal(got, []string{"AI", "Machine Learning", "Neuro"}) {
		t.Fatalf("after undo: chips %v", got)
	}
	h.e.Undo() // the addition
	if h.e.Dirty() {
		t.Fatal("undoing both topic edits left the article dirty")
	}
}

func TestTopicCompletionFromArchive(t *testing.T) {
	test.NewTempApp(t)
	other := bytes.Replace(sampleText(t), []byte("  - AI\n"), []byte("  - Neuroscience\n"), 1)
	a, ids := openArchive(t, sampleText(t), other)
	q := &uiQueue{}
	e := New(a, test.NewWindow(nil), nil)
	e.run.Do = q.Do
	e.Load(ids[0])
	settle(t, e.run, q)
	test.Type(e.v.topics.EntryWidget(), "neu")
	if got := e.v.topics.Matches(); !slices.Equal(got, []string{"Neuroscience"}) {
		t.Fatalf("completions = %v", got)
	}
	if got := e.v.fields["type"].sel; got == nil {
		t.Fatal("type has no choices")
	}
}

func TestChangesTab(t *testing.T) {
	h := newHarness(t)
	v := h.e.v
	v.tabs.Select(v.changeTab)
	if v.changes.summary.Text != noChanges || len(v.changes.text.Segments) != 0 {
		t.Fatalf("unedited: %q", v.changes.summary.Text)
	}
	h.setText(h.field("heat"), "77")
	var lines []string
	colours := map[string]fyne.ThemeColorName{}
	for _, s := range v.changes.text.Segments {
		ts := s.(*widget.TextSegment)
		lines = append(lines, ts.Text)
		colours[ts.Text] = ts.Style.ColorName
	}
	if !slices.Contains(lines, "-heat: 39") || !slices.Contains(lines, "+heat: 77") {
		t.Fatalf("diff lines = %q", lines)
	}
	if colours["+heat: 77"] != "success" || colours["-heat: 39"] != "error" {
		t.Fatalf("colours = %v", colours)
	}
	if !strings.Contains(v.changes.summary.Text, "1 line added, 1 line removed") {
		t.Fatalf("summary = %q", v.changes.summary.Text)
	}
	h.setText(h.field("heat"), "39")
	if v.changes.summary.Text != noChanges {
		t.Fatalf("edit back: %q", v.changes.summary.Text)
	}
}

func TestUnknownFieldsYAML(t *testing.T) {
	h := newHarness(t)
	v := h.e.v
	v.extra.SetText(strings.Replace(v.extra.Text, "readingTime: 4", "readingTime: 6", 1))
	if v.extraMsg.Visible() || !h.e.Valid() {
		t.Fatalf("valid YAML refused: %q", v.extraMsg.Text)
	}
	h.e.Save()
	h.settle()
	doc, err := seedfile.Parse(h.stored())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Extra(), "readingTime: 6") || !strings.Contains(string(h.stored()), "# kept by hand") {
		t.Fatalf("stored extra = %q", doc.Extra())
	}
	if got := changedLines(t, h.text, h.stored()); len(got) != 1 || !strings.Contains(got[0], "readingTime: 6") {
		t.Fatalf("changed lines = %q", got)
	}
	v.extra.SetText("readingTime: [unclosed")
	if !v.extraMsg.Visible() || h.e.Valid() || !v.save.Disabled() {
		t.Fatal("broken YAML accepted")
	}
}

func TestRelatedEditRemoveAdd(t *testing.T) {
	h := newHarness(t)
	rl := h.e.v.related
	h.setText(rl.cards[1].fields["quality"], "88")
	test.Tap(rl.add)
	if len(rl.cards) != 3 || !rl.cards[2].fields["title"].msg.Visible() {
		t.Fatalf("new card: %d cards, title message %v", len(rl.cards), len(rl.cards) > 2 && rl.cards[2].fields["title"].msg.Visible())
	}
	if h.e.Valid() {
		t.Fatal("a related article without a title is valid")
	}
	// The cursor waits in the new card's title, scrolled into view.
	title := rl.cards[2].fields["title"].entry
	if h.w.Canvas().Focused() != title {
		t.Fatalf("focus on %T after adding a related article, want the new card's title", h.w.Canvas().Focused())
	}
	d := fyne.CurrentApp().Driver()
	s := h.e.v.cull.Scroll()
	if top := d.AbsolutePositionForObject(title).Y - d.AbsolutePositionForObject(h.e.v.cull.Object()).Y; top < 0 || top+title.Size().Height > s.Size().Height {
		t.Errorf("the new card's title is at %.0f, out of the %.0f px view", top, s.Size().Height)
	}
	h.setText(rl.cards[2].fields["title"], "Brand new related")
	h.setText(rl.cards[2].fields["webUrl"], "https://example.net/new")
	h.setText(rl.cards[2].fields["provider.name"], "Example Net")
	// Remove the first related article (the one with an image).
	rl.remove(rl.cards[0].key)
	if !h.e.Valid() {
		t.Fatalf("errors: %v", h.e.errs)
	}
	h.e.Save()
	h.settle()
	doc, err := seedfile.Parse(h.stored())
	if err != nil {
		t.Fatal(err)
	}
	rel := doc.Article().Related
	if len(rel) != 2 || rel[0].Title != "Deep learning meets neuroscience" || rel[0].Quality != 88 ||
		rel[1].Title != "Brand new related" || rel[1].WebURL != "https://example.net/new" || rel[1].Provider.Name != "Example Net" {
		t.Fatalf("stored related = %+v", rel)
	}
	if len(doc.Images()) != 0 {
		t.Fatalf("images of the removed article remain: %v", doc.Images())
	}
	// The cards now mirror the saved text.
	if len(rl.cards) != 2 || h.e.Dirty() {
		t.Fatalf("after save: %d cards, dirty %v", len(rl.cards), h.e.Dirty())
	}
}

func TestBodyEditAndPreview(t *testing.T) {
	h := newHarness(t)
	v := h.e.v
	v.body.SetText(v.body.Text + "\nA new closing line.\n")
	v.bodyTabs.SelectIndex(1)
	var text strings.Builder
	for _, s := range v.preview.Segments {
		text.WriteString(s.Textual())
	}
	if !strings.Contains(text.String(), "A new closing line.") || !strings.Contains(text.String(), "Findings") {
		t.Fatalf("preview = %q", text.String())
	}
	if !strings.HasSuffix(string(h.e.Text()), "A new closing line.\n") {
		t.Fatalf("working copy ends %q", h.e.Text()[len(h.e.Text())-40:])
	}
}

func TestOddValuesShownAsWritten(t *testing.T) {
	test.NewTempApp(t)
	text := bytes.Replace(sampleText(t), []byte("quality: 39\nheat"), []byte("quality: high\nheat"), 1)
	a, ids := openArchive(t, text)
	q := &uiQueue{}
	e := New(a, test.NewWindow(nil), nil)
	e.run.Do = q.Do
	e.Load(ids[0])
	settle(t, e.run, q)
	if got := e.v.fields["quality"].text(); got != "high" {
		t.Fatalf("quality shows %q, want the text as written", got)
	}
	if e.Dirty() || !e.Valid() {
		t.Fatal("an untouched odd value makes the article dirty or invalid")
	}
	e.v.fields["heat"].entry.SetText("40")
	if !e.Valid() || !strings.Contains(string(e.Text()), "quality: high\nheat: 40\n") {
		t.Fatalf("editing another field: valid %v", e.Valid())
	}
}

func TestEditBackIsClean(t *testing.T) {
	h := newHarness(t)
	title := h.field("title")
	orig := title.text()
	h.setText(title, orig+"x")
	h.setText(title, orig)
	if h.e.Dirty() || !bytes.Equal(h.e.Text(), h.text) {
		t.Fatal("typing a field back to its value left the article dirty")
	}
	h.field("published").check.SetChecked(true)
	h.field("published").check.SetChecked(false)
	if h.e.Dirty() {
		t.Fatal("ticking and unticking Published left the article dirty")
	}
}

// TestTabLeavesEveryInput: no input of the editor takes Tab as text, so Tab
// always moves to the next field (a multi-line Entry would insert a tab
// character: into a title, or into YAML, which forbids tabs).
func TestTabLeavesEveryInput(t *testing.T) {
	h := newHarness(t)
	h.e.v.cull.SetEnabled(false)
	var inputs []fyne.Focusable
	find := func(o fyne.CanvasObject) bool {
		if f, ok := o.(fyne.Focusable); ok {
			inputs = append(inputs, f)
		}
		return true
	}
	uitree.Walk(h.e.v.cull.Scroll().Content, find)
	uitree.Walk(h.e.v.body, find)
	if len(inputs) < 20 {
		t.Fatalf("found %d inputs in the editor", len(inputs))
	}
	for _, in := range inputs {
		if tb, ok := in.(fyne.Tabbable); ok && tb.AcceptsTab() {
			t.Errorf("%T takes Tab as text", in)
		}
	}
}
