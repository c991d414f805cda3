package gitrepo

import "testing"

func TestHasConflictMarkers(t *testing.T) {
	tests := []struct {
		name string
		text string
		want bool
	}{
		{"merge conflict", "a\n<<<<<<< HEAD\ntitle: mine\n=======\ntitle: theirs\n>>>>>>> origin/main\nb\n", true},
		{"diff3 style", "<<<<<<< HEAD\nx\n||||||| base\ny\n=======\nz\n>>>>>>> theirs\n", true},
		{"CRLF lines", "<<<<<<< HEAD\r\nx\r\n=======\r\ny\r\n>>>>>>> b\r\n", true},
		{"bare markers without labels", "<<<<<<<\nx\n=======\ny\n>>>>>>>", true},
		{"no newline at the end", "<<<<<<< a\nx\n=======\ny\n>>>>>>> b", true},
		{"clean file", "---\ntitle: x\n---\nbody\n", false},
		{"Markdown heading underline", "Title\n=======\n\ntext\n", false},
		{"quote markers in a body", "> quoted\n>>>>>>> deep quote\n", false},
		{"markers out of order", ">>>>>>> b\n=======\n<<<<<<< a\n", false},
		{"no separator", "<<<<<<< a\nx\n>>>>>>> b\n", false},
		{"eight angle brackets", "<<<<<<<< a\nx\n=======\ny\n>>>>>>>> b\n", false},
		{"indented markers", " <<<<<<< a\nx\n=======\ny\n >>>>>>> b\n", false},
		{"longer separator", "<<<<<<< a\nx\n========\ny\n>>>>>>> b\n", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HasConflictMarkers([]byte(tt.text)); got != tt.want {
				t.Errorf("HasConflictMarkers(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}
