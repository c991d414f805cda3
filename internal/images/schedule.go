package images

import (
	"context"
	"net/url"
	"strings"
)

// job is one URL to fetch.
type job struct {
	url      string
	host     string
	failures int // earlier consecutive failures, for the next retry time
}

// nextFunc yields the URLs to fetch one at a time; ok is false at the end.
type nextFunc func(ctx context.Context) (j job, ok bool, err error)

func hostOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}

// schedule hands the URLs that next yields to the workers through jobs,
// never more than perHost at once for one host. Workers report each finished
// job's host on done. URLs wait in per-host queues (at most maxQueued in
// all), so that a busy host does not hold up the others. schedule closes
// jobs when every job has finished, or, after next failed or ctx ended, when
// the running ones have; it returns next's error.
func schedule(ctx context.Context, next nextFunc, perHost, maxQueued int, jobs chan<- job, done <-chan string) error {
	defer close(jobs)
	queues := map[string][]job{}
	active := map[string]int{}
	queued, running := 0, 0
	exhausted := false
	var err error
	stop := ctx.Done()
	for {
		for !exhausted && queued < maxQueued {
			j, ok, nerr := next(ctx)
			if nerr != nil {
				err, exhausted = nerr, true
				queues, queued = map[string][]job{}, 0
				break
			}
			if !ok {
				exhausted = true
				break
			}
			queues[j.host] = append(queues[j.host], j)
			queued++
			if active[j.host] < perHost {
				break // dispatch it at once
			}
		}
		ready := ""
		found := false
		for h, q := range queues {
			if len(q) > 0 && active[h] < perHost {
				ready, found = h, true
				break
			}
		}
		if !found && running == 0 && exhausted {
			return err
		}
		var send chan<- job
		var j job
		if found {
			send, j = jobs, queues[ready][0]
		}
		select {
		case send <- j:
			if q := queues[ready][1:]; len(q) > 0 {
				queues[ready] = q
			} else {
				delete(queues, ready)
			}
			queued--
			active[ready]++
			running++
		case h := <-done:
			if active[h]--; active[h] == 0 {
				delete(active, h)
			}
			running--
		case <-stop:
			stop, exhausted = nil, true
			queues, queued = map[string][]job{}, 0
		}
	}
}
