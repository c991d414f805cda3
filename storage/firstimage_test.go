package storage

import (
	"fmt"
	"testing"
)

// imagesExtra is front matter with image lists: a top-level gallery and two
// related articles, so that the first image in document order is not the
// first one by URL.
func imagesExtra(urls ...string) string {
	s := "\nrelated:\n"
	for i, u := range urls {
		s += fmt.Sprintf("  - title: \"Related %d\"\n    images:\n      - url: %q\n        width: 40\n        height: 30\n", i, u)
	}
	return s
}

func TestRowFirstImage(t *testing.T) {
	a := openTest(t)
	seeds := []seed{
		{title: "No images", quality: "10"},
		{title: "Two related", quality: "30", extra: imagesExtra("https://img.example/z-first.png", "https://img.example/a-second.png")},
		{title: "One image", quality: "20", extra: imagesExtra("https://img.example/only.jpg")},
		{title: "Empty list", quality: "40", extra: "\nrelated:\n  - title: \"None\"\n    images: []\n"},
	}
	ids := insert(t, a, seeds...)
	want := map[int64]string{
		ids[0]: "",
		ids[1]: "https://img.example/z-first.png",
		ids[2]: "https://img.example/only.jpg",
		ids[3]: "",
	}
	for id, w := range want {
		rec, err := a.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if refs := rec.Doc.Images(); (len(refs) == 0) != (w == "") || len(refs) > 0 && refs[0].URL != w {
			t.Fatalf("article %d: document images %v, test wants first %q", id, refs, w)
		}
	}
	check := func(how string, rows []Row) {
		t.Helper()
		for _, r := range rows {
			if r.FirstImage != want[r.ID] {
				t.Errorf("%s: article %d FirstImage = %q, want %q", how, r.ID, r.FirstImage, want[r.ID])
			}
		}
	}
	for _, opts := range []ListOptions{
		{},
		{Sort: "-quality"},
		{Sort: "hasBody", Offset: 1, Limit: 2}, // a sort without an index, past an offset
		{Query: "has:images", Sort: "title"},
	} {
		rows, err := a.List(ctx, opts)
		if err != nil {
			t.Fatal(err)
		}
		check(fmt.Sprintf("List %+v", opts), rows)
		idsInOrder, err := a.IDs(ctx, opts)
		if err != nil {
			t.Fatal(err)
		}
		if len(idsInOrder) != len(rows) {
			t.Fatalf("List %+v: %d rows, IDs %d", opts, len(rows), len(idsInOrder))
		}
		for i, r := range rows {
			if r.ID != idsInOrder[i] {
				t.Errorf("List %+v: row %d is article %d, IDs says %d (order lost)", opts, i, r.ID, idsInOrder[i])
			}
		}
	}
	var streamed []Row
	if err := a.Each(ctx, ListOptions{}, func(r Row) error { streamed = append(streamed, r); return nil }); err != nil {
		t.Fatal(err)
	}
	check("Each", streamed)
	for id := range want {
		r, err := a.Row(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		check("Row", []Row{r})
	}
	// An edit that drops the images clears FirstImage.
	if err := a.Update(ctx, ids[2], parse(t, seeds[0].text())); err != nil {
		t.Fatal(err)
	}
	if r, err := a.Row(ctx, ids[2]); err != nil || r.FirstImage != "" {
		t.Errorf("after dropping the images: FirstImage = %q, %v", r.FirstImage, err)
	}
}
