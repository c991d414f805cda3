package seedfile

import (
	"testing"

	"github.com/seedarchive/seedarchive/internal/corpus"
)

// benchCorpus returns n generated seed files.
func benchCorpus(n int) [][]byte {
	rng := corpus.New(3)
	out := make([][]byte, n)
	for i := range out {
		_, out[i] = corpus.Article(rng, i)
	}
	return out
}

func BenchmarkParse(b *testing.B) {
	files := benchCorpus(256)
	size := 0
	for _, f := range files {
		size += len(f)
	}
	b.SetBytes(int64(size / len(files)))
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := Parse(files[i%len(files)]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkArticle(b *testing.B) {
	files := benchCorpus(256)
	docs := make([]*Document, len(files))
	for i, f := range files {
		docs[i], _ = Parse(f)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = docs[i%len(docs)].Article()
	}
}

func BenchmarkNew(b *testing.B) {
	files := benchCorpus(256)
	arts := make([]Article, len(files))
	for i, f := range files {
		d, _ := Parse(f)
		arts[i] = d.Article()
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = New(arts[i%len(arts)])
	}
}

func BenchmarkSet(b *testing.B) {
	files := benchCorpus(256)
	docs := make([]*Document, len(files))
	for i, f := range files {
		docs[i], _ = Parse(f)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		d := docs[i%len(docs)].clone()
		if err := d.Set("title", "A new title for this article"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseYAML measures Parse with the fast path off: yaml.v3 alone.
func BenchmarkParseYAML(b *testing.B) {
	files := benchCorpus(256)
	fastPathOff = true
	defer func() { fastPathOff = false }()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := Parse(files[i%len(files)]); err != nil {
			b.Fatal(err)
		}
	}
}
