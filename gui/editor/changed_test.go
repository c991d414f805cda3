package editor

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// otherProgram changes the article's title as another program would.
func (h *harness) otherProgram(title string) []byte {
	h.t.Helper()
	edited, err := h.store.Edit(context.Background(), []int64{h.id}, func(_ int64, doc *seedfile.Document) (bool, error) {
		return true, doc.Set("title", title)
	})
	if err != nil || len(edited) != 1 {
		h.t.Fatalf("other program's edit: %v", err)
	}
	return edited[0].After
}

// Issue 13 item 15: a save must not silently overwrite a change another
// program made since the article was loaded; the editor says so and offers
// Reload or Keep editing.
func TestSaveRefusesToOverwriteAnotherProgramsChange(t *testing.T) {
	for _, choice := range []string{"Reload", "Keep editing"} {
		t.Run(choice, func(t *testing.T) {
			h := newHarness(t)
			h.typeInto(h.field("excerpt"), " mine")
			theirs := h.otherProgram("Their title")
			h.e.Save()
			h.settle()
			if got := h.stored(); !bytes.Equal(got, theirs) {
				t.Fatalf("the save wrote over the other change:\n%s", got)
			}
			if len(h.saved) != 0 || !h.e.Dirty() {
				t.Fatalf("saved %v, dirty %v: the edits must stay unsaved", h.saved, h.e.Dirty())
			}
			if h.e.v.changed == nil || !h.e.v.changedOpen {
				t.Fatal("no “changed by another program” dialog")
			}
			reload, keep := h.e.v.changedButtons[0], h.e.v.changedButtons[1]
			if choice == "Reload" {
				test.Tap(reload)
				h.settle()
				if h.e.Dirty() || h.field("title").text() != "Their title" {
					t.Fatalf("after Reload: dirty %v, title %q", h.e.Dirty(), h.field("title").text())
				}
				return
			}
			test.Tap(keep)
			h.settle()
			if !h.e.Dirty() || !strings.HasSuffix(h.field("excerpt").text(), " mine") {
				t.Fatal("Keep editing lost the edits")
			}
			h.e.Save() // asks again: still not over the other change
			h.settle()
			if got := h.stored(); !bytes.Equal(got, theirs) || !h.e.v.changedOpen {
				t.Fatal("a second save wrote over the other change, or did not say why it refused")
			}
		})
	}
}

// CheckStored, run after another program changed the archive, reloads an
// article without edits and warns about one with unsaved edits.
func TestCheckStoredFollowsAnotherProgram(t *testing.T) {
	h := newHarness(t)
	h.otherProgram("Renamed elsewhere")
	h.e.CheckStored()
	h.settle()
	if got := h.field("title").text(); got != "Renamed elsewhere" {
		t.Fatalf("title %q after CheckStored without edits", got)
	}
	h.typeInto(h.field("excerpt"), " mine")
	h.otherProgram("Renamed again")
	h.e.CheckStored()
	h.settle()
	if !h.e.v.changedOpen || !h.e.Dirty() {
		t.Fatalf("dialog %v, dirty %v: unsaved edits must be kept and the change told", h.e.v.changedOpen, h.e.Dirty())
	}
}

func TestSavedLabelNamesTheFields(t *testing.T) {
	for _, tc := range []struct {
		fields []string
		want   string
	}{
		{[]string{"title"}, "Edit title of #7"},
		{[]string{"title", "excerpt"}, "Edit 2 fields of #7"},
		{nil, "Edit article of #7"},
	} {
		if got := (Saved{ID: 7, Fields: tc.fields}).Label(); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.fields, got, tc.want)
		}
	}
}
