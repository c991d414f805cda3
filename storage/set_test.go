package storage

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

func TestManualSets(t *testing.T) {
	a := openTest(t)
	ids := insert(t, a, seed{title: "One"}, seed{title: "Two"}, seed{title: "Three"})
	n, err := a.AddToSet(ctx, "Reading", ids[:2])
	if err != nil || n != 2 {
		t.Fatalf("AddToSet = %d, %v", n, err)
	}
	// Names are case-insensitive; members already there do not count.
	if n, err := a.AddToSet(ctx, "READING", ids); err != nil || n != 1 {
		t.Errorf("AddToSet again = %d, %v; want 1", n, err)
	}
	if _, err := a.AddToSet(ctx, "reading", []int64{ids[0], 999}); !errors.Is(err, ErrNotFound) {
		t.Errorf("AddToSet with a missing article: err = %v", err)
	}
	if _, err := a.AddToSet(ctx, "  ", ids); err == nil {
		t.Error("AddToSet with an empty name succeeded")
	}
	if n, err := a.RemoveFromSet(ctx, "Reading", []int64{ids[1], 999}); err != nil || n != 1 {
		t.Errorf("RemoveFromSet = %d, %v", n, err)
	}
	if _, err := a.RemoveFromSet(ctx, "Nowhere", ids); !errors.Is(err, ErrNotFound) {
		t.Errorf("RemoveFromSet of a missing set: err = %v", err)
	}
	got, err := a.IDs(ctx, ListOptions{Query: "set:reading"})
	if err != nil || len(got) != 2 || got[0] != ids[0] || got[1] != ids[2] {
		t.Errorf("set:reading = %v, %v", got, err)
	}
	sets, err := a.Sets(ctx)
	if err != nil || len(sets) != 1 || sets[0].Name != "Reading" || sets[0].Count != 2 || sets[0].Smart() {
		t.Errorf("Sets = %+v, %v", sets, err)
	}
	if err := a.DeleteSet(ctx, "READING"); err != nil {
		t.Fatal(err)
	}
	if err := a.DeleteSet(ctx, "Reading"); !errors.Is(err, ErrNotFound) {
		t.Errorf("DeleteSet twice: err = %v", err)
	}
	if n, _ := a.Count(ctx, ""); n != 3 {
		t.Errorf("deleting a set deleted articles: %d left", n)
	}
	var members int
	a.db.QueryRow("SELECT count(*) FROM set_member").Scan(&members)
	if members != 0 {
		t.Errorf("%d members outlive their set", members)
	}
}

func TestSmartSets(t *testing.T) {
	a := openTest(t)
	ids := insert(t, a, seed{title: "One", quality: "80"}, seed{title: "Two", quality: "20"})
	if err := a.SaveSmartSet(ctx, "Good", "quality:>50"); err != nil {
		t.Fatal(err)
	}
	if n, _ := a.Count(ctx, "set:good"); n != 1 {
		t.Errorf("set:good = %d", n)
	}
	// Members follow the query as articles change.
	if err := a.Update(ctx, ids[1], parse(t, seed{title: "Two", quality: "90"}.text())); err != nil {
		t.Fatal(err)
	}
	if n, _ := a.Count(ctx, "set:Good"); n != 2 {
		t.Errorf("set:Good after an edit = %d", n)
	}
	if _, err := a.AddToSet(ctx, "good", ids[:1]); !errors.Is(err, ErrSmartSet) {
		t.Errorf("AddToSet on a smart set: err = %v", err)
	}
	if _, err := a.RemoveFromSet(ctx, "good", ids[:1]); !errors.Is(err, ErrSmartSet) {
		t.Errorf("RemoveFromSet on a smart set: err = %v", err)
	}
	// Replacing keeps the name and changes the query.
	if err := a.SaveSmartSet(ctx, "GOOD", "quality:>85"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.AddToSet(ctx, "Manual", ids[:1]); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveSmartSet(ctx, "manual", "quality:1"); err == nil {
		t.Error("a smart set replaced a manual one")
	}
	for _, bad := range []struct{ name, query string }{
		{"Empty", " "},
		{"Broken", "quality:>"},
		{"Self", "set:self OR quality:1"},
		{"Ghost", "set:nowhere"},
	} {
		if err := a.SaveSmartSet(ctx, bad.name, bad.query); err == nil {
			t.Errorf("SaveSmartSet(%q, %q) succeeded", bad.name, bad.query)
		}
	}
	// A cycle through two sets is refused.
	if err := a.SaveSmartSet(ctx, "A", "set:good"); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveSmartSet(ctx, "Good", "set:a"); err == nil {
		t.Error("a cycle of smart sets was saved")
	}
	sets, err := a.Sets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var desc []string
	for _, s := range sets {
		desc = append(desc, s.Name+"="+s.Query+"="+strconv.Itoa(s.Count))
	}
	if got := strings.Join(desc, " "); got != "A=set:good=1 Good=quality:>85=1 Manual==1" {
		t.Errorf("Sets = %s", got)
	}
	// A smart set whose query names a deleted set reports it.
	if err := a.SaveSmartSet(ctx, "Via", "set:manual"); err != nil {
		t.Fatal(err)
	}
	if err := a.DeleteSet(ctx, "Manual"); err != nil {
		t.Fatal(err)
	}
	sets, _ = a.Sets(ctx)
	for _, s := range sets {
		if s.Name == "Via" && (s.Error == "" || s.Count != 0) {
			t.Errorf("Via = %+v, want an error", s)
		}
	}
}
