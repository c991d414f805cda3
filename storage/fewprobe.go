package storage

import (
	"sync"
	"time"
)

// fewProbes remembers, for a while, whether full-text matches have few rows
// (see ftsIn). One search compiles its condition many times within a second:
// for its count, each page, its ids and each facet of the sidebar. For the
// prefix of a common word, as typed into the search box, each probe costs
// FTS5 a merge of every matching term's doclist, even for a LIMITed count,
// in time and in SQLite's heap alike (BenchmarkListQuery/FewProbe(brain)).
// A stale answer can only pick the slower plan (the results are the
// same), so answers are forgotten after every write of this Archive and
// after fewProbeTTL, for the writes of other processes.
type fewProbes struct {
	mu      sync.Mutex
	answers map[string]fewAnswer
	now     func() time.Time // time.Now; tests set a fake clock
}

type fewAnswer struct {
	few bool
	at  time.Time
}

const (
	// fewProbeTTL is how long an answer is trusted: one search's queries
	// are within it, another process's import soon counts.
	fewProbeTTL = 10 * time.Second
	// fewProbeMax bounds the remembered answers (one per distinct match,
	// so a few per word typed); all are dropped when it is reached.
	fewProbeMax = 256
)

// answer returns the remembered answer for match, else probe's (remembered
// unless the probe failed).
func (p *fewProbes) answer(match string, probe func() (bool, error)) bool {
	now := time.Now
	if p.now != nil {
		now = p.now
	}
	p.mu.Lock()
	a, ok := p.answers[match]
	p.mu.Unlock()
	if ok && now().Sub(a.at) < fewProbeTTL {
		return a.few
	}
	few, err := probe()
	if err != nil {
		return false // the plan that is safe for any size; asked again next time
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.answers == nil || len(p.answers) >= fewProbeMax {
		p.answers = map[string]fewAnswer{}
	}
	p.answers[match] = fewAnswer{few: few, at: now()}
	return few
}

// forget drops every answer (after a write).
func (p *fewProbes) forget() {
	p.mu.Lock()
	p.answers = nil
	p.mu.Unlock()
}
