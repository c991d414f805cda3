package editor

import (
	"context"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/seedarchive/seedarchive/internal/benchenv"
	"github.com/seedarchive/seedarchive/storage"
)

// BenchmarkLoadBig measures Load to fields shown on the benchmarks' archive
// (benchenv.Target), and values-ms, the read of the archive's categories,
// types and topics that Load no longer does.
func BenchmarkLoadBig(b *testing.B) {
	path, _ := benchenv.Target(b)
	test.NewTempApp(b)
	a, err := storage.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.Close() })
	w := test.NewWindow(nil)
	b.Cleanup(w.Close)
	loaded := make(chan int64, 1)
	e := New(a, w, nil)
	e.run.Do = func(fn func()) { fn() }
	e.OnLoaded = func(id int64) { loaded <- id }
	w.SetContent(e)
	w.Resize(fyne.NewSize(520, 900))
	start := time.Now()
	readValues(context.Background(), a)
	valuesTime := time.Since(start)
	var times []time.Duration
	id := int64(1)
	for b.Loop() {
		start := time.Now()
		e.Load(id)
		<-loaded
		times = append(times, time.Since(start))
		id = id%1000 + 1
	}
	slices.Sort(times)
	b.ReportMetric(float64(valuesTime.Microseconds())/1000, "values-ms")
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(times[len(times)*9/10].Microseconds())/1000, "p90-ms")
}
