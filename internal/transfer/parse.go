package transfer

import (
	"context"
	"crypto/sha256"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

// parsed is one input read and parsed, ready to be classified and stored.
type parsed struct {
	in     *input
	index  int // position in the input list
	doc    *seedfile.Document
	prep   *storage.Prepared // doc with its derived index, ready to insert
	webURL string
	sha    string // hex SHA-256 of the bytes read (doc.Bytes())
	ck     string // storage.ContentKey of the bytes read
	line   int    // refusal: line of the problem
	reason string // refusal: why; "" when the input parsed
}

// parse reads and parses the input, filling p.
func (p *parsed) parse() {
	if p.in.err != nil {
		p.reason = p.in.err.Error()
		return
	}
	data, err := p.in.read()
	if err != nil {
		p.reason = err.Error()
		return
	}
	doc, err := seedfile.Parse(data)
	if err != nil {
		var pe *seedfile.ParseError
		if errors.As(err, &pe) {
			p.line, p.reason = pe.Line, pe.Msg
		} else {
			p.reason = err.Error()
		}
		return
	}
	// Deriving the index here, on the parsing goroutines, leaves the
	// one writer nothing but SQL to run.
	p.prep = storage.Prepare(doc)
	p.doc = doc
	p.webURL = p.prep.WebURL()
	p.sha = p.prep.SHA256()
	p.ck = p.prep.ContentKey()
}

// key is what identifies duplicates of p: its webUrl, else its content.
func (p *parsed) key() seenKey {
	if p.webURL != "" {
		return seenKey(short("u" + p.webURL))
	}
	return seenKey(short("c" + p.ck))
}

// docKey identifies p's content under its key: two inputs with the same
// docKey are identical.
func (p *parsed) docKey() seenKey {
	k := p.key()
	return seenKey(short("d" + string(k[:]) + p.ck))
}

// keyName names the duplicate key for messages.
func (p *parsed) keyName() string {
	if p.webURL != "" {
		return "webUrl"
	}
	return "content"
}

// short condenses a string to 16 bytes of its SHA-256.
func short(s string) [16]byte {
	sum := sha256.Sum256([]byte(s))
	return [16]byte(sum[:16])
}

// parseBatches parses the inputs with a pool of workers and sends them, in
// input order, in batches of size. It stops early when ctx is done and
// always closes out.
//
// The workers of a batch take its inputs by an atomic counter rather than
// one channel send each: a hand-off per input woke a sleeping worker (a
// futex call and a scheduler pass) thousands of times a second
// (BenchmarkImport's CPU time).
func parseBatches(ctx context.Context, inputs []input, size, workers int, out chan<- []parsed) {
	defer close(out)
	for start := 0; start < len(inputs); start += size {
		batch := make([]parsed, min(size, len(inputs)-start))
		for i := range batch {
			batch[i] = parsed{in: &inputs[start+i], index: start + i}
		}
		var next atomic.Int64
		var wg sync.WaitGroup
		for range min(workers, len(batch)) {
			wg.Go(func() {
				for ctx.Err() == nil {
					i := int(next.Add(1)) - 1
					if i >= len(batch) {
						return
					}
					batch[i].parse()
				}
			})
		}
		wg.Wait()
		if ctx.Err() != nil {
			return
		}
		select {
		case out <- batch:
		case <-ctx.Done():
			return
		}
	}
}

// throttle calls a progress callback at most once per interval.
type throttle struct {
	fn       func(done, total int)
	every    time.Duration
	total    int
	last     time.Time
	reported int
}

func newThrottle(fn func(done, total int), every time.Duration, total int) *throttle {
	if every == 0 {
		every = DefaultProgressEvery
	}
	return &throttle{fn: fn, every: every, total: total, reported: -1}
}

func (t *throttle) update(done int) {
	if t.fn == nil {
		return
	}
	if now := time.Now(); t.every < 0 || now.Sub(t.last) >= t.every {
		t.last = now
		t.reported = done
		t.fn(done, t.total)
	}
}

// flush reports done unless it was the last value reported.
func (t *throttle) flush(done int) {
	if t.fn != nil && t.reported != done {
		t.reported = done
		t.fn(done, t.total)
	}
}
