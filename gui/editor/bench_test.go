package editor

import (
	"strings"
	"testing"
)

// BenchmarkBuild measures the work behind one keystroke: re-parsing the
// loaded text and splicing the edits into it.
func BenchmarkBuild(b *testing.B) {
	for _, size := range []struct {
		name string
		body int // bytes of Markdown body appended
	}{{"article", 0}, {"body-1MB", 1 << 20}} {
		b.Run(size.name, func(b *testing.B) {
			text := sampleText(b)
			text = append(text, strings.Repeat("A paragraph of the body text.\n\n", size.body/32)...)
			base, err := newBaseline(text, nil)
			if err != nil {
				b.Fatal(err)
			}
			st := base.st.clone()
			st.fields["title"] += " (revised)"
			st.fields["quality"] = "55"
			st.topics = append(st.topics, "Neuroscience")
			b.SetBytes(int64(len(text)))
			b.ResetTimer()
			for b.Loop() {
				if _, errs, err := build(base, st); err != nil || len(errs) > 0 {
					b.Fatal(err, errs)
				}
			}
		})
	}
}
