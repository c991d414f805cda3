package transfer

import "testing"

func TestSummaryStrings(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"import of one", ImportSummary{Total: 1, Done: 1, New: 1, Inserted: 1}.String(),
			"imported 1 of 1 file: 1 new, 0 identical, 0 refused"},
		{"import with skips", ImportSummary{Total: 5, Done: 5, New: 2, Inserted: 2, Changed: 2, Identical: 1}.String(),
			"imported 2 of 5 files: 2 new, 1 identical, 2 duplicates skipped, 0 refused"},
		{"one skipped", ImportSummary{Total: 2, Done: 2, Changed: 1, Identical: 1}.String(),
			"imported 0 of 2 files: 0 new, 1 identical, 1 duplicate skipped, 0 refused"},
		{"import with skipped files", ImportSummary{Total: 1, Done: 1, New: 1, Inserted: 1, SkippedExtension: 3, NestedZips: 1}.String(),
			"imported 1 of 1 file: 1 new, 0 identical, 0 refused; 3 other files skipped for their extension; 1 nested zip not opened"},
		{"dry run with a skipped file", ImportSummary{DryRun: true, Total: 1, Done: 1, New: 1, SkippedExtension: 1}.String(),
			"dry run: 1 file: 1 new, 0 identical, 0 changed, 0 conflicting, 0 refused; 1 other file skipped for their extension"},
		{"dry run of one", ImportSummary{DryRun: true, Total: 1, Done: 1, Identical: 1}.String(),
			"dry run: 1 file: 0 new, 1 identical, 0 changed, 0 conflicting, 0 refused"},
		{"export of one", ExportSummary{Dest: "out.zip", Count: 1, Bytes: 2048}.String(),
			"exported 1 article to out.zip (2.0 kB, 0.0s)"},
		{"export of many", ExportSummary{Dest: "out", Count: 3, Bytes: 10}.String(),
			"exported 3 articles to out (10 B, 0.0s)"},
		{"thousands", ImportSummary{Total: 1405, Done: 1405, New: 1405, Inserted: 1405}.String(),
			"imported 1,405 of 1,405 files: 1,405 new, 0 identical, 0 refused"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
