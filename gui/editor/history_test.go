package editor

import "testing"

func TestHistoryCoalescing(t *testing.T) {
	st := func(title string) state { return state{fields: map[string]string{"title": title}} }
	tests := []struct {
		name  string
		keys  []string // one change per key, to "v1", "v2", ...
		undos int      // undo steps available afterwards
	}{
		{"typing in one field is one step", []string{"title", "title", "title"}, 1},
		{"two fields are two steps", []string{"title", "title", "excerpt"}, 2},
		{"back to a field is a new step", []string{"title", "excerpt", "title"}, 3},
		{"list edits never coalesce", []string{"", "", ""}, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var h history
			cur := st("v0")
			for i, k := range tc.keys {
				h.record(cur, k)
				cur = st("v" + string(rune('1'+i)))
			}
			n := 0
			for h.canUndo() {
				cur, _ = h.undo(cur)
				n++
			}
			if n != tc.undos {
				t.Fatalf("%d undo steps, want %d", n, tc.undos)
			}
			if cur.fields["title"] != "v0" {
				t.Fatalf("undoing everything reached %q", cur.fields["title"])
			}
			for h.canRedo() {
				cur, _ = h.redo(cur)
			}
			if want := "v" + string(rune('0'+len(tc.keys))); cur.fields["title"] != want {
				t.Fatalf("redoing everything reached %q, want %q", cur.fields["title"], want)
			}
		})
	}
}

func TestDiffLines(t *testing.T) {
	tests := []struct {
		name           string
		a, b           string
		added, removed int
		empty          bool
	}{
		{"equal", "---\na: 1\n---\n", "---\na: 1\n---\n", 0, 0, true},
		{"one line", "---\na: 1\nb: 2\n---\n", "---\na: 1\nb: 3\n---\n", 1, 1, false},
		{"insert", "---\na: 1\n---\n", "---\na: 1\nc: 4\n---\n", 1, 0, false},
		{"final newline added", "---\na: 1\n---", "---\na: 1\n---\n", 0, 1, false},
		{"final newline dropped", "---\na: 1\n---\n", "---\na: 1\n---", 1, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lines, added, removed := diffLines([]byte(tc.a), []byte(tc.b), "x.txt")
			if (len(lines) == 0) != tc.empty || added != tc.added || removed != tc.removed {
				t.Fatalf("lines %q added %d removed %d", lines, added, removed)
			}
		})
	}
}
