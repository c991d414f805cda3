package storage

import (
	"errors"
	"testing"

	"github.com/seedarchive/seedarchive/internal/query"
)

// FuzzCompileWhere checks that every query either fails with a *query.Error
// or compiles to SQL that SQLite (and FTS5) accept.
func FuzzCompileWhere(f *testing.F) {
	for _, s := range []string{
		"neur", `"deep learning" -topic:AI`, `topic:"Machine Learning" OR provider:"Medical Xpress"`,
		"quality:>50 heat:<=10 quality:10..20", "date:2020-02 date:>=2020-01-01 date:2019..2020",
		"has:images -(a OR b) published:yes set:Reading", `a AND (b OR -"c\"d") ((e))`,
		`x" OR 1=1 --"`, `"NEAR(a b)" ^c "d":* e*`, "& - + * ^ :", "a\x00b", "set:Combo -set:AIish",
		"-a -(b OR c) -(-d)", "set:LoopA", "date:9999 date:0000-01-01",
	} {
		f.Add(s)
	}
	db := whereFixture(f)
	sets := dbSets(db)
	f.Fuzz(func(t *testing.T, s string) {
		where, args, err := compileWhere(s, sets)
		if err != nil {
			var qe *query.Error
			if !errors.As(err, &qe) {
				t.Fatalf("%q: error %v is not a *query.Error", s, err)
			}
			return
		}
		rows, err := db.Query("SELECT a.id FROM article a WHERE "+where, args...)
		if err != nil {
			t.Fatalf("%q: SQL %s %q: %v", s, where, args, err)
		}
		for rows.Next() {
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("%q: SQL %s %q: %v", s, where, args, err)
		}
		rows.Close()
	})
}

// BenchmarkCompileWhere measures parsing and compiling a typical query.
func BenchmarkCompileWhere(b *testing.B) {
	sets := func(name string) (int64, string, error) {
		if name == "Smart" {
			return 2, `topic:AI -provider:"Medical Xpress"`, nil
		}
		return 1, "", nil
	}
	for _, q := range []string{
		"neur",
		`neural network topic:"Machine Learning" -provider:"Medical Xpress" quality:>50 date:2019..2020`,
		`(deep OR neural) (topic:AI OR topic:ML) -"press release" has:images set:Reading set:Smart published:yes heat:<=10`,
	} {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := compileWhere(q, sets); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
