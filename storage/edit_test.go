package storage

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// addTopic is an EditFunc that appends topic unless the article has it.
func addTopic(topic string) EditFunc {
	return func(_ int64, doc *seedfile.Document) (bool, error) {
		topics := doc.Article().Topics
		if slices.Contains(topics, topic) {
			return false, nil
		}
		return true, doc.Set("topics", append(slices.Clone(topics), topic))
	}
}

func TestEdit(t *testing.T) {
	a := openTest(t)
	ids := insert(t, a, seed{title: "One", topics: []string{"AI"}}, seed{title: "Two", topics: []string{"Health"}})
	before := make([][]byte, len(ids))
	for i, id := range ids {
		rec, err := a.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		before[i] = bytes.Clone(rec.Doc.Bytes())
	}
	// An id given twice is edited once; an unchanged article is not listed.
	got, err := a.Edit(ctx, []int64{ids[1], ids[0], ids[1]}, addTopic("Health"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != ids[0] || got[0].File != "seed00.txt" {
		t.Fatalf("Edit = %+v, want article %d only", got, ids[0])
	}
	rec, err := a.Get(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got[0].Before, before[0]) || !bytes.Equal(got[0].After, rec.Doc.Bytes()) {
		t.Errorf("Before/After do not match the stored texts:\n%s\n%s", got[0].Before, got[0].After)
	}
	if want := []string{"AI", "Health"}; !slices.Equal(rec.Doc.Article().Topics, want) {
		t.Errorf("topics = %q, want %q", rec.Doc.Article().Topics, want)
	}
	if n, err := a.Count(ctx, "topic:health"); err != nil || n != 2 {
		t.Errorf("topic:health matches %d (%v), want 2: the edit is indexed", n, err)
	}
	if r := mustCheck(t, a); !r.OK() {
		t.Errorf("check: %v", r.Problems)
	}
}

// TestEditErrorChangesNothing: whatever fails (fn on a later article, a
// missing id, ErrChanged), no article of the call is changed.
func TestEditErrorChangesNothing(t *testing.T) {
	a := openTest(t)
	ids := insert(t, a, seed{title: "One", topics: []string{"AI"}}, seed{title: "Two"}, seed{title: "Three"})
	boom := errors.New("boom")
	tests := []struct {
		name string
		ids  []int64
		fn   EditFunc
		want error
	}{
		{"fn fails on the last article", ids, func(id int64, doc *seedfile.Document) (bool, error) {
			if id == ids[2] {
				return false, boom
			}
			return true, doc.Set("title", "Changed")
		}, boom},
		{"the stored text changed", ids, func(id int64, doc *seedfile.Document) (bool, error) {
			if id == ids[1] {
				return false, ErrChanged
			}
			return true, doc.Set("title", "Changed")
		}, ErrChanged},
		{"a missing id", []int64{ids[0], 999}, addTopic("Space"), ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := a.Edit(ctx, tt.ids, tt.fn)
			if !errors.Is(err, tt.want) || got != nil {
				t.Fatalf("Edit = %v, %v; want no result and %v", got, err, tt.want)
			}
			if tt.want != ErrNotFound && !strings.Contains(err.Error(), "seed0") {
				t.Errorf("error %q does not name the file", err)
			}
			for i, id := range ids {
				rec, err := a.Get(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if rec.Edited() {
					t.Errorf("article %d (%d) was changed:\n%s", i, id, rec.Doc.Bytes())
				}
			}
			if n, err := a.Count(ctx, "changed OR topic:space"); err != nil || n != 0 {
				t.Errorf("the index holds %d changed articles (%v)", n, err)
			}
		})
	}
}

// editHelperEnv names the archive a TestEditHelperProcess edits.
const editHelperEnv = "SEEDARCHIVE_EDIT_HELPER"

// TestEditTwoProcesses runs two processes that each add their own topics to
// the same 200 articles, in rounds, at the same time: every topic of both
// must be there at the end. A read-modify-write outside the transaction
// loses some of them (one writer's read is overwritten by the other's).
func TestEditTwoProcesses(t *testing.T) {
	const articles = 200
	rounds := 6
	if raceEnabled {
		// The race detector sees one process at a time, and slows each
		// round: fewer rounds, each still eight transactions a process.
		rounds = 3
	}
	path := filepath.Join(t.TempDir(), "archive.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	insertCorpus(t, a, articles, 3)
	var wg sync.WaitGroup
	outs := make([][]byte, 2)
	errs := make([]error, 2)
	for p := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "-test.run=^TestEditHelperProcess$", "-test.count=1")
			cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s|P%d|%d|%d", editHelperEnv, path, p, articles, rounds))
			outs[p], errs[p] = cmd.CombinedOutput()
		}()
	}
	wg.Wait()
	for p := range 2 {
		if errs[p] != nil || !bytes.Contains(outs[p], []byte("edited")) {
			t.Fatalf("process %d: %v\n%s", p, errs[p], outs[p])
		}
	}
	lost := 0
	for id := int64(1); id <= articles; id++ {
		rec, err := a.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		topics := rec.Doc.Article().Topics
		for p := range 2 {
			for r := range rounds {
				if !slices.Contains(topics, fmt.Sprintf("P%d-%d", p, r)) {
					lost++
				}
			}
		}
	}
	if lost > 0 {
		t.Errorf("%d of %d topics added by the two processes were lost", lost, 2*rounds*articles)
	}
	if r := mustCheck(t, a); !r.OK() {
		t.Errorf("check: %v", r.Problems)
	}
}

// TestEditHelperProcess is one of TestEditTwoProcesses's processes; it does
// nothing in a normal test run.
func TestEditHelperProcess(t *testing.T) {
	spec := os.Getenv(editHelperEnv)
	if spec == "" {
		t.Skip("run by TestEditTwoProcesses")
	}
	parts := strings.Split(spec, "|")
	path, name := parts[0], parts[1]
	articles, _ := strconv.Atoi(parts[2])
	rounds, _ := strconv.Atoi(parts[3])
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ids := make([]int64, articles)
	for i := range ids {
		ids[i] = int64(i + 1)
	}
	for r := range rounds {
		// Several transactions a round, in varying groups, so that the two
		// processes interleave article by article.
		for start := 0; start < articles; start += 25 {
			began := time.Now()
			if _, err := a.Edit(ctx, ids[start:min(articles, start+25)], addTopic(fmt.Sprintf("%s-%d", name, r))); err != nil {
				t.Fatal(err)
			}
			// A pause as long as the edit took, as between a person's
			// edits: a process that takes the write lock again at once can
			// keep the other one, which polls for the lock in SQLite's busy
			// handler (every 100 ms at most), waiting past the busy timeout
			// when the machine is slow (-race, other tests).
			time.Sleep(max(5*time.Millisecond, time.Since(began)))
		}
	}
	fmt.Println("edited")
}
