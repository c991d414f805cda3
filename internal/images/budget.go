package images

import "sync"

// budget is a first-come first-served counting semaphore over bytes: it
// bounds the decoded pixels that the workers hold at once.
type budget struct {
	mu      sync.Mutex
	cond    *sync.Cond
	free    int64
	max     int64
	next    uint64 // ticket of the next caller of acquire
	serving uint64 // ticket whose turn it is
}

func newBudget(max int64) *budget {
	b := &budget{free: max, max: max}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// acquire waits until n bytes (at most the whole budget) are free and takes
// them; it returns what it took, for release.
func (b *budget) acquire(n int64) int64 {
	n = min(n, b.max)
	b.mu.Lock()
	defer b.mu.Unlock()
	ticket := b.next
	b.next++
	for b.serving != ticket || b.free < n {
		b.cond.Wait()
	}
	b.free -= n
	b.serving++
	b.cond.Broadcast()
	return n
}

// release gives back what acquire took.
func (b *budget) release(n int64) {
	b.mu.Lock()
	b.free += n
	b.mu.Unlock()
	b.cond.Broadcast()
}
