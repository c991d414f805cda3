package transfer

import "encoding/binary"

// seenKey is 16 bytes of a SHA-256: a duplicate key or a content identity.
type seenKey [16]byte

// runMemory remembers, in little memory, the inputs processed so far in one
// import, so that two inputs of the same import are classified alike in a
// dry run (which stores nothing) and in a real import. What a batch adds is
// staged and kept only when the batch's transaction is over, so that a
// rolled-back batch leaves no trace.
//
// It holds a million inputs' keys at once, so it is one hash table of its
// own rather than Go maps: the entries (a key and a value, packed) are
// appended to fixed-size chunks, and an open-addressing table of 32-bit
// entry numbers finds them. Go's maps of the same keys took about twice
// the memory (TestRunMemoryPerInput guards it). Duplicate keys and content
// identities share the table: each is the hash of a text with its own
// prefix (parsed.key, parsed.docKey), so they never meet.
type runMemory struct {
	chunks [][]seenEntry // the entries, seenChunk a chunk, in the order added
	n      int           // entries added
	kept   int           // entries[:kept] are kept; the rest are staged
	slots  []uint32      // 1 + the number of an entry; 0 is a free slot
	// grown is set when slots was rebuilt larger while entries were
	// staged: dropping them then rebuilds it too.
	grown bool
}

// seenEntry is a key and its value: the index of the first input with a
// duplicate key, or the article a content was stored as or matched.
type seenEntry struct {
	k seenKey
	v int64
}

// seenChunk is how many entries a chunk of runMemory holds.
const seenChunk = 1 << 12

func newRunMemory() *runMemory {
	return &runMemory{slots: make([]uint32, 1<<10)}
}

// begin starts staging a batch, dropping what an earlier attempt staged.
func (m *runMemory) begin() {
	if m.n == m.kept {
		return
	}
	if m.grown {
		m.n = m.kept
		m.rebuild(len(m.slots))
	} else {
		// Linear probing placed each staged entry in the first free slot
		// from its home, after the earlier ones: freed last first, each
		// leaves the slots as they were before it was added.
		for e := m.n - 1; e >= m.kept; e-- {
			m.slots[m.find(m.entry(e).k)] = 0
		}
		m.n = m.kept
	}
	m.trim()
}

// commit keeps what the batch staged.
func (m *runMemory) commit() {
	m.kept, m.grown = m.n, false
}

// firstWithKey returns the index of the first input seen with key.
func (m *runMemory) firstWithKey(k seenKey) (int, bool) {
	v, ok := m.get(k)
	return int(v), ok
}

// doc returns the article an identical earlier input was stored as or matched.
func (m *runMemory) doc(k seenKey) (int64, bool) {
	return m.get(k)
}

func (m *runMemory) addKey(k seenKey, index int) { m.add(k, int64(index)) }

func (m *runMemory) addDoc(k seenKey, id int64) { m.add(k, id) }

// entry is entry number e.
func (m *runMemory) entry(e int) *seenEntry {
	return &m.chunks[e/seenChunk][e%seenChunk]
}

// find returns the slot that holds k, or the free slot where it would go.
func (m *runMemory) find(k seenKey) int {
	mask := len(m.slots) - 1
	// The keys are hashes already: their first bytes spread them.
	for i := int(binary.LittleEndian.Uint64(k[:8])) & mask; ; i = (i + 1) & mask {
		s := m.slots[i]
		if s == 0 || m.entry(int(s-1)).k == k {
			return i
		}
	}
}

func (m *runMemory) get(k seenKey) (int64, bool) {
	s := m.slots[m.find(k)]
	if s == 0 {
		return 0, false
	}
	return m.entry(int(s - 1)).v, true
}

// add adds k with v unless k is there.
func (m *runMemory) add(k seenKey, v int64) {
	i := m.find(k)
	if m.slots[i] != 0 {
		return
	}
	if m.n/seenChunk == len(m.chunks) {
		m.chunks = append(m.chunks, make([]seenEntry, seenChunk))
	}
	*m.entry(m.n) = seenEntry{k, v}
	m.n++
	m.slots[i] = uint32(m.n)
	if m.n*4 > len(m.slots)*3 { // at most three quarters full
		m.rebuild(2 * len(m.slots))
		if m.n > m.kept {
			m.grown = true
		}
	}
}

// rebuild makes slots size slots long and files the entries in it again.
func (m *runMemory) rebuild(size int) {
	m.slots = make([]uint32, size)
	for e := range m.n {
		m.slots[m.find(m.entry(e).k)] = uint32(e + 1)
	}
}

// trim drops the chunks no entry is in.
func (m *runMemory) trim() {
	used := (m.n + seenChunk - 1) / seenChunk
	clear(m.chunks[used:])
	m.chunks = m.chunks[:used]
}
