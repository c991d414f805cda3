package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestResolveDest(t *testing.T) {
	home := t.TempDir()
	if err := os.Mkdir(filepath.Join(home, "exports"), 0o755); err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(t.TempDir(), "out")
	for _, tc := range []struct {
		typed string
		zip   bool
		want  string // "" for an error
	}{
		{"", false, ""},
		{"   ", true, ""},
		{abs, false, abs},
		{"~", false, home},
		{"~/out", false, filepath.Join(home, "out")},
		{"out/2024", false, filepath.Join(home, "out", "2024")},
		{"./a/../b", false, filepath.Join(home, "b")},
		{"~/out", true, filepath.Join(home, "out.zip")},
		{"~/out.ZIP", true, filepath.Join(home, "out.ZIP")},
		{"exports", true, filepath.Join(home, "exports", defaultZipName)},
		{"new/", true, filepath.Join(home, "new", defaultZipName)},
		{abs + ".zip", true, abs + ".zip"},
	} {
		got, err := resolveDest(tc.typed, home, tc.zip)
		if tc.want == "" {
			if err == nil {
				t.Errorf("resolveDest(%q, zip %v) = %q, want an error", tc.typed, tc.zip, got)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("resolveDest(%q, zip %v) = %q, %v; want %q", tc.typed, tc.zip, got, err, tc.want)
		}
	}
}

func TestCheckDest(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "file.txt")
	write(t, file, "x")
	if err := os.Mkdir(filepath.Join(root, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name        string
		dest        string
		zip         bool
		wantMissing string
		wantErr     string
	}{
		{"existing folder", root, false, "", ""},
		{"missing folder", filepath.Join(root, "a", "b"), false, filepath.Join(root, "a", "b"), ""},
		{"zip in a missing folder", filepath.Join(root, "z", "x.zip"), true, filepath.Join(root, "z"), ""},
		{"zip in an existing folder", filepath.Join(root, "x.zip"), true, "", ""},
		{"a file as the folder", file, false, "", "is a file, not a folder"},
		{"a folder under a file", filepath.Join(file, "sub"), false, "", "is a file, so no folder"},
		{"a folder as the zip", filepath.Join(root, "sub") + string(filepath.Separator) + ".", true, "", "is a folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			missing, err := checkDest(tc.dest, tc.zip)
			if missing != tc.wantMissing {
				t.Errorf("missing %q, want %q", missing, tc.wantMissing)
			}
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("error %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("error %v, want one saying %q", err, tc.wantErr)
			}
		})
	}
}

// TestExportDialogTypedPaths: a typed relative path to a missing folder is
// offered to be created and the export goes there; a path that cannot be
// used keeps the dialog open with a sentence, and the Zip choice stays.
func TestExportDialogTypedPaths(t *testing.T) {
	h := newHarness(t, sampleArts)
	home := t.TempDir()
	t.Setenv("HOME", home)
	write(t, filepath.Join(home, "notes.txt"), "x")

	x := h.w.transfers.newExportForm()
	x.dialog.Show()
	x.format.SetSelected("Zip file")
	x.dest.SetText("notes.txt/out")
	test.Tap(h.overlayButton("Export"))
	if msg := x.problem.Text; !x.problem.Visible() || !strings.Contains(msg, "is a file") || strings.Contains(msg, "open ") {
		t.Fatalf("problem shown %v: %q", x.problem.Visible(), msg)
	}
	if !h.showsEntry(x.dest) || x.format.Selected != "Zip file" {
		t.Fatal("the dialog closed or lost the zip choice")
	}

	x.format.SetSelected("Folder")
	x.dest.SetText("exports/2024")
	test.Tap(h.overlayButton("Export"))
	if !strings.Contains(h.overlayText(), "does not exist yet") {
		t.Fatalf("no offer to create the folder: %q", h.overlayText())
	}
	test.Tap(h.overlayButton("Create"))
	h.settle()
	deadline := time.Now().Add(10 * time.Second)
	out := filepath.Join(home, "exports", "2024")
	for {
		entries, _ := os.ReadDir(out)
		if len(entries) == len(sampleArts) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s holds %d files, want %d", out, len(entries), len(sampleArts))
		}
		h.settle()
	}
	if got := h.w.prefs.String(prefExportDest); got != "exports/2024" {
		t.Errorf("remembered destination %q", got)
	}

	// Escape in the focused destination cancels the dialog.
	x = h.w.transfers.newExportForm()
	x.dialog.Show()
	h.w.win.Canvas().Focus(x.dest)
	x.dest.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if h.showsEntry(x.dest) {
		t.Error("Escape in the destination left the dialog open")
	}
}

// showsEntry reports whether e is in an open overlay (a dialog).
func (h *harness) showsEntry(e fyne.CanvasObject) bool {
	found := false
	for _, o := range h.w.win.Canvas().Overlays().List() {
		walk(o, func(c fyne.CanvasObject) {
			if c == e {
				found = true
			}
		})
	}
	return found
}
