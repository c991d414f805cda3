package storage

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

// The probe runs once per match while its answer is fresh, again once it is
// older than fewProbeTTL or forgotten, and a failed probe is neither
// remembered nor taken for few.
func TestFewProbesRemember(t *testing.T) {
	clock := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	p := &fewProbes{now: func() time.Time { return clock }}
	probes := map[string]int{}
	fail := false
	probe := func(match string, few bool) func() (bool, error) {
		return func() (bool, error) {
			probes[match]++
			if fail {
				return true, errors.New("interrupted")
			}
			return few, nil
		}
	}
	steps := []struct {
		name   string
		before func()
		match  string
		few    bool // what the probe would answer
		want   bool
		probes int // of match, after the step
	}{
		{name: "first", match: `"brain" *`, few: false, want: false, probes: 1},
		{name: "remembered", match: `"brain" *`, few: true, want: false, probes: 1},
		{name: "another match", match: `"galaxy"`, few: true, want: true, probes: 1},
		{name: "still fresh", before: func() { clock = clock.Add(fewProbeTTL - time.Second) }, match: `"brain" *`, few: true, want: false, probes: 1},
		{name: "stale", before: func() { clock = clock.Add(time.Second) }, match: `"brain" *`, few: true, want: true, probes: 2},
		{name: "forgotten", before: p.forget, match: `"galaxy"`, few: false, want: false, probes: 2},
		{name: "failed", before: func() { p.forget(); fail = true }, match: `"brain" *`, few: true, want: false, probes: 3},
		{name: "failure not remembered", before: func() { fail = false }, match: `"brain" *`, few: true, want: true, probes: 4},
	}
	for _, s := range steps {
		if s.before != nil {
			s.before()
		}
		if got := p.answer(s.match, probe(s.match, s.few)); got != s.want {
			t.Errorf("%s: few = %v, want %v", s.name, got, s.want)
		}
		if probes[s.match] != s.probes {
			t.Errorf("%s: %d probes of %s, want %d", s.name, probes[s.match], s.match, s.probes)
		}
	}

	// Past fewProbeMax distinct matches, the oldest answers go with the rest.
	for i := range fewProbeMax {
		p.answer(fmt.Sprint(i), probe(fmt.Sprint(i), true))
	}
	if len(p.answers) > fewProbeMax {
		t.Errorf("%d answers remembered, want at most %d", len(p.answers), fewProbeMax)
	}
}

// A write through the Archive forgets the answers: a match that had few rows
// takes the plan for many once an import gave it many.
func TestFewProbesForgottenAfterWrite(t *testing.T) {
	t.Parallel()
	a := openTest(t)
	insertCorpus(t, a, 50, 5)
	const q = "study" // in nearly every generated article
	plan := func() string {
		t.Helper()
		where, _, err := a.where(ctx, a.db, q)
		if err != nil {
			t.Fatal(err)
		}
		return where
	}
	if got := plan(); got != "a.id "+ftsInSQL {
		t.Fatalf("%q in 50 articles compiles to %s, want the plan for few rows", q, got)
	}
	insertCorpus(t, a, fewMatches+300, 6)
	if got := plan(); got != "+a.id "+ftsInSQL {
		t.Errorf("%q after importing %d more articles compiles to %s, want the plan for many rows", q, fewMatches+300, got)
	}
}
