package gui

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestStatusCounts(t *testing.T) {
	test.NewTempApp(t)
	s := newStatusBar()
	for _, tc := range []struct {
		matches         int
		counted         bool
		total, selected int
		want            string
	}{
		{37, true, 37, 0, "37 of 37 articles"},
		{94530, true, 100000, 1, "94,530 of 100,000 articles"},
		{200, false, 100000, 0, "200+ of 100,000 articles"},
		{12, true, 100000, 3, "12 of 100,000 articles · 3 selected"},
	} {
		s.setCounts(tc.matches, tc.counted, tc.total, tc.selected)
		if got := s.counts.Text; got != tc.want {
			t.Errorf("setCounts(%d, %v, %d, %d) = %q, want %q", tc.matches, tc.counted, tc.total, tc.selected, got, tc.want)
		}
	}
}
