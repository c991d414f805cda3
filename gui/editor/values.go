package editor

import (
	"context"
	"slices"
)

// values caches the archive's existing categories, types and topics, which
// the select fields and the topic entry offer. Counting them reads the
// whole archive (BenchmarkLoadBig's values-ms), so they are read once, at
// the first Load, and again only after writes (RefreshValues).
type values struct {
	categories, types, topics []string

	loaded  bool // a read finished
	running bool // a read runs
	again   bool // another read was asked for while one ran
	gen     uint64
}

// valueFacets are the facets read, in the order of values' lists.
var valueFacets = [...]string{"category", "type", "topic"}

// RefreshValues re-reads the archive's existing categories, types and
// topics off the UI goroutine and gives them to the fields once read. The
// window calls it after writes that may add or drop values (imports, bulk
// edits, deletions, undo); the editor calls it after saving a change to
// one of those fields. Calls while a read runs coalesce into one more read.
func (e *Editor) RefreshValues() {
	if e.vals.running {
		e.vals.again = true
		return
	}
	e.vals.running, e.vals.again = true, false
	e.vals.gen++
	gen := e.vals.gen
	store := e.store
	e.run.Go(func() func() {
		lists := readValues(context.Background(), store)
		return func() {
			if gen != e.vals.gen {
				return
			}
			e.vals.running = false
			e.vals.categories, e.vals.types, e.vals.topics = lists[0], lists[1], lists[2]
			e.vals.loaded = true
			e.v.setOptions(e.vals.categories, e.vals.types, e.vals.topics)
			if e.vals.again {
				e.RefreshValues()
			}
		}
	})
}

// Values returns the cached categories, types and topics (nil lists until
// the first read finished).
func (e *Editor) Values() (categories, types, topics []string) {
	return e.vals.categories, e.vals.types, e.vals.topics
}

// readValues reads the existing values of valueFacets, sorted. A failure
// leaves a list empty: completions are a convenience.
func readValues(ctx context.Context, s Store) [len(valueFacets)][]string {
	var out [len(valueFacets)][]string
	for i, name := range valueFacets {
		counts, err := s.Facet(ctx, name, "", 0)
		if err != nil {
			continue
		}
		for _, c := range counts {
			if c.Value != "" {
				out[i] = append(out[i], c.Value)
			}
		}
		slices.Sort(out[i])
	}
	return out
}

// valuesChanged reports whether a and b differ in a field whose values
// the cache holds.
func valuesChanged(a, b state) bool {
	return a.fields["category"] != b.fields["category"] || a.fields["type"] != b.fields["type"] ||
		!slices.Equal(a.topics, b.topics)
}
