package storage

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/seedarchive/seedarchive/internal/query"
	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// whereSeeds are seed files in the seeds' own style, indexed by the real
// import path so the compiler is checked against what Insert stores.
var whereSeeds = []string{
	`---
category: news
title: "A perspective on the study of artificial and biological neural networks"
excerpt: "Researchers have been developing computational techniques ..."
publishedDateTime: 2020-02-24T17:51:00Z
type: article
quality: 39
heat: 39
published: false

provider:
  name: Medical Xpress
  domain: medicalxpress.com

topics:
  - AI
  - Machine Learning

related:
  - title: "New study allows Brain and Artificial Neurons to link up over web"
    publishedDateTime: 2020-02-26T12:16:00Z
    provider:
      name: Mirage News
      domain: miragenews.com
    images:
      - url: "https://example.com/a.jpg"
        width: 400
        height: 452
---
`,
	`---
category: Research
title: "Vaccine trial results"
publishedDateTime: 2020-12-31T22:00:00-05:00
type: blog
quality: 70
published: true

provider:
  name: Nature
  domain: nature.com

topics:
  - Health
---
The body mentions serendipity.
`,
	`---
title: "Untitled"
---
`,
}

func TestWhereThroughArchive(t *testing.T) {
	ctx := t.Context()
	a, err := Open(filepath.Join(t.TempDir(), "where.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	var ids []int64
	for i, text := range whereSeeds {
		doc, err := seedfile.Parse([]byte(text))
		if err != nil {
			t.Fatalf("seed %d: %v", i, err)
		}
		id, err := a.Insert(ctx, filepath.Join("seeds", string(rune('a'+i))+".txt"), doc)
		if err != nil {
			t.Fatalf("insert seed %d: %v", i, err)
		}
		ids = append(ids, id)
	}
	if _, err := a.AddToSet(ctx, "Reading", []int64{ids[0], ids[1]}); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveSmartSet(ctx, "Health", "topic:health"); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveSmartSet(ctx, "Unread", "-set:reading"); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		q    string
		want []int // indexes into whereSeeds
	}{
		{"neur", []int{0}},
		{"neural networks", []int{0}},
		{"serendip", []int{1}}, // body text, prefix
		{"medicalxpress", []int{0}},
		{`topic:"machine learning"`, []int{0}},
		{`provider:"MEDICAL XPRESS"`, []int{0}},
		{"domain:nature.com", []int{1}},
		{"category:research type:BLOG", []int{1}},
		{"date:2020", []int{0}},
		{"date:2021-01-01", []int{1}}, // 22:00 at -05:00 is the next day in UTC
		{"date:2020-02-24", []int{0}},
		{"date:<2020-03", []int{0}},
		{"quality:>50", []int{1}},
		{"heat:39", []int{0}},
		{"published:no", []int{0}},
		{"-published:no", []int{1, 2}},
		{"has:images", []int{0}},
		{"has:related", []int{0}},
		{"has:body", []int{1}},
		{"has:topics", []int{0, 1}},
		{"set:Reading", []int{0, 1}},
		{"set:Reading -set:Health", []int{0}},
		{"set:Unread", []int{2}},
		{"set:Health OR untitled", []int{1, 2}},
	}
	for _, tt := range tests {
		got, err := a.IDs(ctx, ListOptions{Query: tt.q})
		if err != nil {
			t.Errorf("%q: %v", tt.q, err)
			continue
		}
		slices.Sort(got)
		want := []int64{}
		for _, i := range tt.want {
			want = append(want, ids[i])
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: got %v, want %v", tt.q, got, want)
		}
	}

	// Query errors reach the caller as *query.Error, positions intact.
	_, err = a.List(ctx, ListOptions{Query: "topic:AI quality:>"})
	var qe *query.Error
	if !errors.As(err, &qe) || qe.Pos != 18 {
		t.Errorf("malformed query: got %v, want a *query.Error at 18", err)
	}
	_, err = a.Count(ctx, "set:Ghost")
	if !errors.As(err, &qe) || qe.Pos != 0 || !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown set: got %v", err)
	}
	// A smart set may not come to refer to itself.
	if err := a.SaveSmartSet(ctx, "Reading2", "set:Unread"); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveSmartSet(ctx, "Unread", "set:Reading2"); err == nil {
		t.Error("a smart set cycle was saved")
	}
}
