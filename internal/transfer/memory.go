package transfer

// seenKey is 16 bytes of a SHA-256: a duplicate key or a content identity.
type seenKey [16]byte

// runMemory remembers, in little memory, the inputs processed so far in one
// import, so that two inputs of the same import are classified alike in a
// dry run (which stores nothing) and in a real import. What a batch adds is
// staged and kept only when the batch's transaction is over, so that a
// rolled-back batch leaves no trace.
type runMemory struct {
	keys, pendingKeys map[seenKey]int   // duplicate key -> index of the first input with it
	docs, pendingDocs map[seenKey]int64 // content under its key -> article stored or matched (0 in a dry run)
}

func newRunMemory() *runMemory {
	return &runMemory{keys: map[seenKey]int{}, docs: map[seenKey]int64{}}
}

// begin starts staging a batch, dropping what an earlier attempt staged.
func (m *runMemory) begin() {
	m.pendingKeys = map[seenKey]int{}
	m.pendingDocs = map[seenKey]int64{}
}

// commit keeps what the batch staged.
func (m *runMemory) commit() {
	for k, v := range m.pendingKeys {
		m.keys[k] = v
	}
	for k, v := range m.pendingDocs {
		m.docs[k] = v
	}
	m.begin()
}

// firstWithKey returns the index of the first input seen with key.
func (m *runMemory) firstWithKey(k seenKey) (int, bool) {
	if i, ok := m.pendingKeys[k]; ok {
		return i, true
	}
	i, ok := m.keys[k]
	return i, ok
}

// doc returns the article an identical earlier input was stored as or matched.
func (m *runMemory) doc(k seenKey) (int64, bool) {
	if id, ok := m.pendingDocs[k]; ok {
		return id, true
	}
	id, ok := m.docs[k]
	return id, ok
}

func (m *runMemory) addKey(k seenKey, index int) {
	if _, ok := m.firstWithKey(k); !ok {
		m.pendingKeys[k] = index
	}
}

func (m *runMemory) addDoc(k seenKey, id int64) {
	if _, ok := m.doc(k); !ok {
		m.pendingDocs[k] = id
	}
}
