package storage

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/seedarchive/seedarchive/internal/corpus"
	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// TestDeferChildRows checks that a transaction deferring its child rows
// (Tx.DeferChildRows) stores the same archive as one that does not: when
// it only inserts, when it replaces an article it inserted (Replace reads
// the child rows first) and when it inserts more than one multi-row
// INSERT holds; and that a read between inserts sees the rows inserted
// before it, without giving the full-text index a segment per read (the
// rows written early go one a statement, and a multi-row INSERT would
// flush the pending terms): the deferring archive has no more segments
// than the other.
func TestDeferChildRows(t *testing.T) {
	rng := corpus.New(7)
	var docs []*seedfile.Document
	for i := 0; i < 2*childBatchRows; i++ {
		_, text := corpus.Article(rng, i)
		doc, err := seedfile.Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc)
	}
	// Step i inserts docs[i]; then a replacement replaces the article
	// inserted by step "step" with docs[with], and a read (with < 0)
	// counts the topic rows of that article.
	type between struct{ step, with int }
	tests := []struct {
		name    string
		inserts int
		after   map[int]between // after step i
	}{
		{"insert", 5, nil},
		{"insert more rows than a statement holds", len(docs) - 3, nil},
		{"replace between inserts", 6, map[int]between{1: {0, 10}, 3: {2, 11}, 4: {4, 12}}},
		{"read between inserts", 6, map[int]between{1: {0, -1}, 3: {3, -1}, 4: {2, -1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var dumps [2]map[string][][]any
			var segments [2]int
			for k, deferRows := range []bool{false, true} {
				a := openTest(t)
				err := a.WriteTx(ctx, func(tx *Tx) error {
					if deferRows {
						tx.DeferChildRows()
					}
					var ids []int64
					for i := 0; i < tt.inserts; i++ {
						id, err := tx.InsertPrepared(fmt.Sprintf("a%03d.txt", i), Prepare(docs[i]))
						if err != nil {
							return err
						}
						ids = append(ids, id)
						r, ok := tt.after[i]
						if ok && r.with >= 0 {
							if err := tx.Replace(ids[r.step], "replaced.txt", docs[r.with]); err != nil {
								return err
							}
						} else if ok {
							var n int
							if err := tx.queryRow(`SELECT count(*) FROM article_topic WHERE article_id = ?`, ids[r.step]).Scan(&n); err != nil {
								return err
							}
							if want := len(Prepare(docs[r.step]).ix.topicRows); n != want {
								t.Errorf("step %d reads %d topic rows of step %d, want %d", i, n, r.step, want)
							}
						}
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				dumps[k] = dumpChildren(t, a)
				if err := a.db.QueryRowContext(ctx, `SELECT count(DISTINCT segid) FROM article_fts_idx`).Scan(&segments[k]); err != nil {
					t.Fatal(err)
				}
				mustCheckOK(t, a)
			}
			for table, rows := range dumps[0] {
				if len(rows) == 0 {
					t.Errorf("%s: no rows", table)
				}
				if !reflect.DeepEqual(rows, dumps[1][table]) {
					t.Errorf("%s: deferring stored\n%v\nnot deferring\n%v", table, dumps[1][table], rows)
				}
			}
			if segments[1] > segments[0] {
				t.Errorf("full-text segments: %d deferring, %d not", segments[1], segments[0])
			}
		})
	}
}

// dumpChildren returns the rows of the tables whose rows Tx.DeferChildRows
// defers, in key order.
func dumpChildren(t *testing.T, a *Archive) map[string][][]any {
	t.Helper()
	out := map[string][][]any{}
	for table, q := range map[string]string{
		"article_text":  `SELECT article_id, original, current FROM article_text ORDER BY article_id`,
		"article_topic": `SELECT article_id, position, name FROM article_topic ORDER BY article_id, position`,
		"article_image": `SELECT article_id, position, url, width, height, source FROM article_image ORDER BY article_id, position`,
	} {
		rows, err := a.db.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			row := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range row {
				ptrs[i] = &row[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out[table] = append(out[table], row)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}
