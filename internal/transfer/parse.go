package transfer

import (
	"context"
	"crypto/sha256"
	"errors"
	"sync"
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
	if err := p.in.refused(); err != nil {
		p.reason = err.Error()
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

// chunkSize is how many consecutive inputs one parsing worker takes at a
// time. The writer starts on a chunk as soon as it is parsed, so a small
// chunk lets it start early and leaves it little to write alone once the
// workers are done, while each chunk costs two channel hand-offs (a futex
// call and a scheduler pass each when the goroutine sleeps), which a
// chunk per input paid thousands of times a second. BenchmarkImport
// (wall time and cpu-µs/article) guards both.
const chunkSize = 32

// chunk is a run of consecutive inputs, parsed by one worker.
type chunk struct {
	items []parsed
	done  chan struct{} // closed once items are parsed (or skipped: ctx done)
}

// parseInputs parses the inputs on a pool of workers, chunkSize at a time,
// and sends the chunks to out in input order as they are handed to the
// workers: the receiver waits on each chunk's done. The capacity of out
// bounds the chunks parsed ahead of the receiver, and so the memory they
// hold when the writer is the slower. It stops early when ctx is done and
// always closes out; a chunk sent before then may stay unparsed.
func parseInputs(ctx context.Context, inputs []input, workers int, out chan<- *chunk) {
	defer close(out)
	work := make(chan *chunk, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for c := range work {
				for i := range c.items {
					if ctx.Err() != nil {
						break
					}
					c.items[i].parse()
				}
				close(c.done)
			}
		})
	}
	defer wg.Wait()
	defer close(work)
	for start := 0; start < len(inputs); start += chunkSize {
		c := &chunk{items: make([]parsed, min(chunkSize, len(inputs)-start)), done: make(chan struct{})}
		for i := range c.items {
			c.items[i] = parsed{in: &inputs[start+i], index: start + i}
		}
		select {
		case work <- c:
		case <-ctx.Done():
			return
		}
		select {
		case out <- c:
		case <-ctx.Done():
			return
		}
	}
}

// stream hands the writer the parsed inputs of parseInputs one by one, in
// input order.
type stream struct {
	ctx    context.Context // parseInputs's
	chunks <-chan *chunk
	cur    *chunk
	pos    int
}

// next returns the next parsed input, waiting for its chunk to be parsed;
// nil at the end of the inputs or when the stream's context is done.
func (s *stream) next() *parsed {
	if !s.ready() {
		return nil
	}
	p := &s.cur.items[s.pos]
	s.pos++
	return p
}

// ready waits until the next input is parsed and reports whether there is
// one: false at the end of the inputs or when the stream's context is
// done (a worker stops parsing only then, so a chunk done while the
// context is not was parsed whole).
func (s *stream) ready() bool {
	ctx := s.ctx
	for s.cur == nil || s.pos == len(s.cur.items) {
		s.cur, s.pos = nil, 0
		var ok bool
		select {
		case s.cur, ok = <-s.chunks:
			if !ok {
				return false
			}
		case <-ctx.Done():
			return false
		}
	}
	select {
	case <-s.cur.done:
		return ctx.Err() == nil
	case <-ctx.Done():
		return false
	}
}

// drain receives what is left of the chunks until out is closed, so that
// parseInputs can end.
func (s *stream) drain() {
	s.cur = nil
	for range s.chunks {
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
