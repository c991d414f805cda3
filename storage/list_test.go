package storage

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// listSeeds has ties, missing values and mixed case in the sorted columns.
var listSeeds = []seed{
	{title: "banana", quality: "50", provider: "Zeta", published: "2021-01-01T00:00:00Z", topics: []string{"Fruit"}, extra: "published: true\n"},
	{title: "Apple", quality: "", provider: "alpha", published: "", topics: nil},
	{title: "cherry", quality: "50", provider: "", published: "2020-06-01T00:00:00Z", topics: []string{"AI", "Fruit"}},
	{title: "apple", quality: "10", provider: "Alpha", published: "2022-03-01T00:00:00Z", topics: []string{"ai"}},
	{title: "Date", quality: "", provider: "beta", published: "not a date", topics: nil},
}

func titles(rows []Row) string {
	var s []string
	for _, r := range rows {
		s = append(s, r.Title)
	}
	return strings.Join(s, ",")
}

func TestListSort(t *testing.T) {
	a := openTest(t)
	insert(t, a, listSeeds...)
	tests := []struct{ sort, want string }{
		{"", "banana,Apple,cherry,apple,Date"},
		{"-id", "Date,apple,cherry,Apple,banana"},
		{"title", "Apple,apple,banana,cherry,Date"},
		{"-title", "Date,cherry,banana,apple,Apple"},
		{"quality", "apple,banana,cherry,Apple,Date"},  // NULLs last, ties by id
		{"-quality", "cherry,banana,apple,Date,Apple"}, // NULLs last, ties by id descending
		{"provider", "Apple,apple,Date,banana,cherry"}, // alpha = Alpha (NOCASE), then beta, Zeta, missing
		{"-provider.name", "banana,Date,apple,Apple,cherry"},
		{"date", "cherry,banana,apple,Apple,Date"}, // an unparsable date is missing
		{"-publishedDateTime", "apple,banana,cherry,Date,Apple"},
		{"topics", "apple,cherry,banana,Apple,Date"}, // "ai" < "AI\x1fFruit" < "Fruit", no topics last
		{"-topics", "banana,cherry,apple,Date,Apple"},
	}
	for _, tt := range tests {
		rows, err := a.List(ctx, ListOptions{Sort: tt.sort})
		if err != nil {
			t.Fatalf("sort %q: %v", tt.sort, err)
		}
		if got := titles(rows); got != tt.want {
			t.Errorf("sort %q = %s, want %s", tt.sort, got, tt.want)
		}
	}
	if _, err := a.List(ctx, ListOptions{Sort: "nonsense"}); err == nil || !strings.Contains(err.Error(), "nonsense") {
		t.Errorf("unknown sort: err = %v", err)
	}
	for _, f := range SortFields() {
		for _, dir := range []string{"", "-"} {
			if _, err := a.List(ctx, ListOptions{Sort: dir + f}); err != nil {
				t.Errorf("sort %q: %v", dir+f, err)
			}
		}
	}
}

func TestListRowFields(t *testing.T) {
	a := openTest(t)
	ids := insert(t, a, listSeeds[0], listSeeds[1])
	rows, err := a.List(ctx, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r := rows[0]
	if r.ID != ids[0] || r.File != "seed00.txt" || r.Title != "banana" || !r.Quality.Valid || r.Quality.Int64 != 50 ||
		r.ProviderName != "Zeta" || r.PublishedAt != "2021-01-01T00:00:00Z" || !reflect.DeepEqual(r.Topics, []string{"Fruit"}) ||
		r.WebURL != "https://example.com/banana" || !r.Published.Valid || !r.Published.Bool || r.Edited || r.HasBody {
		t.Errorf("row 0 = %+v", r)
	}
	if r := rows[1]; r.Quality.Valid || r.PublishedAt != "" || r.Topics != nil || r.Published.Valid {
		t.Errorf("row 1 = %+v", r)
	}
	one, err := a.Row(ctx, ids[0])
	if err != nil || !reflect.DeepEqual(one, rows[0]) {
		t.Errorf("Row = %+v, %v", one, err)
	}
	if _, err := a.Row(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("Row(999) err = %v", err)
	}
}

func TestListPagingIsStable(t *testing.T) {
	a := openTest(t)
	insertCorpus(t, a, 230, 7)
	for _, sort := range []string{"quality", "-heat", "provider", "-type", "category", "published"} {
		all, err := a.IDs(ctx, ListOptions{Sort: sort})
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 230 {
			t.Fatalf("IDs = %d", len(all))
		}
		var paged []int64
		for off := 0; ; off += 17 {
			rows, err := a.List(ctx, ListOptions{Sort: sort, Offset: off, Limit: 17})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				paged = append(paged, r.ID)
			}
			if len(rows) < 17 {
				break
			}
		}
		if !reflect.DeepEqual(paged, all) {
			t.Errorf("sort %q: pages do not add up to the full order", sort)
		}
		tail, err := a.IDs(ctx, ListOptions{Sort: sort, Offset: 200})
		if err != nil || !reflect.DeepEqual(tail, all[200:]) {
			t.Errorf("sort %q: offset without limit = %d ids, %v", sort, len(tail), err)
		}
	}
}

func TestEachStreams(t *testing.T) {
	a := openTest(t)
	insertCorpus(t, a, 50, 3)
	stop := errors.New("stop")
	var seen []int64
	err := a.Each(ctx, ListOptions{Sort: "-id"}, func(r Row) error {
		seen = append(seen, r.ID)
		// fn may read and write the archive while Each streams.
		if _, err := a.Row(ctx, r.ID); err != nil {
			return err
		}
		if len(seen) == 3 {
			if _, err := a.AddToSet(ctx, "Seen", seen); err != nil {
				return err
			}
		}
		if len(seen) == 10 {
			return stop
		}
		return nil
	})
	if err != stop {
		t.Fatalf("Each err = %v, want fn's error as is", err)
	}
	if len(seen) != 10 || seen[0] != 50 || seen[9] != 41 {
		t.Errorf("Each saw %v", seen)
	}
	n := 0
	if err := a.Each(ctx, ListOptions{}, func(Row) error { n++; return nil }); err != nil || n != 50 {
		t.Errorf("Each over all: %d rows, %v", n, err)
	}
	if n, _ := a.Count(ctx, "set:Seen"); n != 3 {
		t.Errorf("set written during Each has %d members", n)
	}
	var files []string
	err = a.EachText(ctx, ListOptions{Sort: "id", Limit: 2}, func(id int64, file string, text []byte) error {
		files = append(files, file)
		if !strings.HasPrefix(string(text), "---\n") {
			t.Errorf("EachText text of %d = %.20q", id, text)
		}
		return nil
	})
	if err != nil || len(files) != 2 || files[0] != "000/000_"+files[0][8:] {
		t.Errorf("EachText files = %q, %v", files, err)
	}
}

func TestQueryGoesThroughCompiler(t *testing.T) {
	a := openTest(t)
	insert(t, a, listSeeds...)
	tests := []struct {
		query string
		want  string
	}{
		{"", "banana,Apple,cherry,apple,Date"},
		{"topic:ai", "cherry,apple"},
		{"quality:>=50", "banana,cherry"},
		{"provider:alpha", "Apple,apple"},
		{"apple", "Apple,apple"},
		{"-topic:fruit", "Apple,apple,Date"},
	}
	for _, tt := range tests {
		rows, err := a.List(ctx, ListOptions{Query: tt.query})
		if err != nil {
			t.Fatalf("query %q: %v", tt.query, err)
		}
		if got := titles(rows); got != tt.want {
			t.Errorf("query %q = %s, want %s", tt.query, got, tt.want)
		}
		n, err := a.Count(ctx, tt.query)
		if err != nil || n != len(rows) {
			t.Errorf("Count(%q) = %d, %v; List has %d", tt.query, n, err, len(rows))
		}
		ids, err := a.IDs(ctx, ListOptions{Query: tt.query})
		if err != nil || len(ids) != len(rows) {
			t.Errorf("IDs(%q) = %v, %v", tt.query, ids, err)
		}
	}
	if _, err := a.List(ctx, ListOptions{Query: "quality:>"}); err == nil {
		t.Error("a malformed query lists")
	}
	if _, err := a.Count(ctx, "set:Nowhere"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown set: err = %v, want ErrNotFound", err)
	}
}
