package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"iter"
	"math"
	"sync"

	"modernc.org/sqlite"
)

// IDList is a listing of article ids in order, 4 bytes an id while every
// id fits in an int32 (rowids below 2^31: every archive the app makes),
// else 8. Storage keeps one the size of the archive (sortOrder) and hands
// it out as the listing of everything in that order, and the app keeps
// the listing of its result, so half the bytes is half the memory held
// for them at a million articles (TestIDListAcrossInt32). It cannot be
// changed once listed: a copy shares its ids.
type IDList struct {
	small []int32 // the ids while all fit in an int32
	wide  []int64 // every id once one does not fit, or from the start (wideIDList)
}

// wideIDList is an empty list that keeps 8 bytes an id from the start: for a
// listing handed on as []int64, which needs no conversion then.
func wideIDList(capacity int) IDList {
	return IDList{wide: make([]int64, 0, capacity)}
}

// IDListOf lists ids (copied).
func IDListOf(ids []int64) IDList {
	l := IDList{small: make([]int32, 0, len(ids))}
	for _, id := range ids {
		l.add(id)
	}
	return l
}

// add appends id.
func (l *IDList) add(id int64) {
	if l.wide == nil {
		if id >= math.MinInt32 && id <= math.MaxInt32 {
			l.small = append(l.small, int32(id))
			return
		}
		l.wide = make([]int64, len(l.small), max(cap(l.small), len(l.small)+1))
		for i, v := range l.small {
			l.wide[i] = int64(v)
		}
		l.small = nil
	}
	l.wide = append(l.wide, id)
}

// Len is the number of ids.
func (l IDList) Len() int {
	if l.wide != nil {
		return len(l.wide)
	}
	return len(l.small)
}

// At is the id at i (0 <= i < Len).
func (l IDList) At(i int) int64 {
	if l.wide != nil {
		return l.wide[i]
	}
	return int64(l.small[i])
}

// All yields each row and its id, in order: quicker than At over a whole
// list (BenchmarkIDIndex in gui/table).
func (l IDList) All() iter.Seq2[int, int64] {
	return func(yield func(int, int64) bool) {
		if l.wide != nil {
			for i, id := range l.wide {
				if !yield(i, id) {
					return
				}
			}
			return
		}
		for i, id := range l.small {
			if !yield(i, int64(id)) {
				return
			}
		}
	}
}

// Int64s returns the ids from i to j (excluded) as a new slice.
func (l IDList) Int64s(i, j int) []int64 {
	if l.wide != nil {
		return append([]int64(nil), l.wide[i:j]...)
	}
	ids := make([]int64, j-i)
	for k, v := range l.small[i:j] {
		ids[k] = int64(v)
	}
	return ids
}

// int64s returns the ids as a slice the caller may keep and change: l's own
// when it is wide and owned is true (l is dropped after), else a copy.
func (l IDList) int64s(owned bool) []int64 {
	if l.wide != nil {
		if owned {
			return l.wide
		}
		return append([]int64(nil), l.wide...)
	}
	if len(l.small) == 0 {
		return nil
	}
	ids := make([]int64, len(l.small))
	for i, v := range l.small {
		ids[i] = int64(v)
	}
	return ids
}

// The SQL aggregate seed_ids(sink, id) hands each id of its rows, in their
// order, to the list registered as sink (collectIDs) and returns their
// number. It replaces group_concat(id) for listings in a large archive
// (Archive.readIDs): that string (8 bytes an id at a million articles) is
// built in SQLite's heap by doubling, whose allocator keeps the freed
// buffers mapped for reuse (modernc.org/memory's pool), then copied into a
// Go string and parsed; this keeps no copy but the list (the app's RSS
// after a sort: scripts/gui-figures.sh; its CPU: BenchmarkJump,
// All/…/IDsCold).
func init() {
	err := sqlite.RegisterFunction("seed_ids", &sqlite.FunctionImpl{
		NArgs:         2,
		MakeAggregate: func(sqlite.FunctionContext) (sqlite.AggregateFunction, error) { return &idAggregate{}, nil },
	})
	if err != nil {
		panic(fmt.Sprintf("storage: register seed_ids: %v", err))
	}
}

// idSinks are the lists seed_ids fills, by their number.
var idSinks struct {
	mu   sync.Mutex
	next int64
	m    map[int64]*IDList
}

// idAggregate is one evaluation of seed_ids.
type idAggregate struct {
	list *IDList
	n    int64
}

// errNoIDSink is seed_ids called with a number no listing registered.
var errNoIDSink = errors.New("seed_ids: no such sink")

// Step adds a row's id to the sink.
func (g *idAggregate) Step(_ *sqlite.FunctionContext, args []driver.Value) error {
	if g.list == nil {
		sink, _ := args[0].(int64)
		idSinks.mu.Lock()
		g.list = idSinks.m[sink]
		idSinks.mu.Unlock()
		if g.list == nil {
			return errNoIDSink
		}
	}
	id, ok := args[1].(int64)
	if !ok {
		return fmt.Errorf("seed_ids: id %v is not an integer", args[1])
	}
	g.list.add(id)
	g.n++
	return nil
}

// WindowInverse is not supported: seed_ids is no window function.
func (g *idAggregate) WindowInverse(*sqlite.FunctionContext, []driver.Value) error {
	return errors.New("seed_ids: not a window function")
}

// WindowValue is the number of ids added.
func (g *idAggregate) WindowValue(*sqlite.FunctionContext) (driver.Value, error) { return g.n, nil }

// Final does nothing: the ids are in the sink.
func (g *idAggregate) Final(*sqlite.FunctionContext) {}

// bigListing is the number of articles from which Archive.readIDs lists
// through seed_ids: below, group_concat's string is at most a couple of MB,
// which SQLite's allocator keeps little of, and group_concat costs less CPU
// per id than a call into Go (BenchmarkJump, All/…/IDsCold).
const bigListing = 1 << 18

// readIDs lists a query's one integer column, named id, in its order, into
// list: through seed_ids (collectIDs) in an archive of bigListing articles
// or more, else through group_concat (concatIDs).
func (a *Archive) readIDs(ctx context.Context, q querier, list IDList, query string, args []any) (IDList, error) {
	var n int
	if err := q.QueryRowContext(ctx, articleCountSQL).Scan(&n); err != nil {
		return IDList{}, err
	}
	if n >= a.bigListing {
		return collectIDs(ctx, q, list, query, args)
	}
	return concatIDs(ctx, q, list, query, args)
}

// concatIDs is collectIDs through group_concat: the ids as one string,
// parsed. An aggregate over an ordered subquery reads it in its order.
func concatIDs(ctx context.Context, q querier, list IDList, query string, args []any) (IDList, error) {
	var s sql.NullString
	if err := q.QueryRowContext(ctx, "SELECT group_concat(id) FROM ("+query+")", args...).Scan(&s); err != nil {
		return IDList{}, err
	}
	if err := eachListedID(s.String, list.add); err != nil {
		return IDList{}, err
	}
	return list, nil
}

// collectIDs lists a query's one integer column, named id, in its order,
// into list (which may hold a capacity), with seed_ids over the query as a
// subquery: an aggregate over an ordered subquery reads it in its order
// (SQLite does not flatten it; TestPageAtEqualsOffset,
// TestBroadMatchIDsSorted). A row each through database/sql costs more in
// the driver than SQLite's walk of an index (BenchmarkJump, All/…/IDs).
func collectIDs(ctx context.Context, q querier, list IDList, query string, args []any) (IDList, error) {
	idSinks.mu.Lock()
	if idSinks.m == nil {
		idSinks.m = map[int64]*IDList{}
	}
	idSinks.next++
	sink := idSinks.next
	idSinks.m[sink] = &list
	idSinks.mu.Unlock()
	defer func() {
		idSinks.mu.Lock()
		delete(idSinks.m, sink)
		idSinks.mu.Unlock()
	}()
	var n int64
	err := q.QueryRowContext(ctx, "SELECT seed_ids(?, id) FROM ("+query+")", append([]any{sink}, args...)...).Scan(&n)
	if err != nil {
		return IDList{}, err
	}
	if n != int64(list.Len()) {
		return IDList{}, fmt.Errorf("seed_ids: %d rows but %d ids", n, list.Len())
	}
	return list, nil
}
