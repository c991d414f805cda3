package query

import (
	"fmt"
	"strconv"
	"time"
)

// checkDate validates a date written YYYY, YYYY-MM or YYYY-MM-DD.
func checkDate(src, v, after string, pos int) (string, error) {
	if v == "" {
		return "", errorf(src, pos, "expected a date after %q", after)
	}
	y, m, d, ok := splitDate(v)
	if !ok {
		return "", errorf(src, pos, "expected a date (YYYY, YYYY-MM or YYYY-MM-DD) after %q, found %q", after, v)
	}
	if m > 12 || m == 0 && len(v) > 4 {
		return "", errorf(src, pos, "bad date %q: no such month", v)
	}
	if d > 0 || len(v) > 7 {
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if d == 0 || t.Day() != d {
			return "", errorf(src, pos, "bad date %q: no such day", v)
		}
	}
	return v, nil
}

// splitDate reads YYYY, YYYY-MM or YYYY-MM-DD; month and day are 0 when absent.
func splitDate(v string) (y, m, d int, ok bool) {
	if len(v) != 4 && len(v) != 7 && len(v) != 10 {
		return 0, 0, 0, false
	}
	num := func(s string) (int, bool) {
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(s)
		return n, err == nil
	}
	if y, ok = num(v[:4]); !ok {
		return 0, 0, 0, false
	}
	if len(v) >= 7 {
		if v[4] != '-' {
			return 0, 0, 0, false
		}
		if m, ok = num(v[5:7]); !ok {
			return 0, 0, 0, false
		}
	}
	if len(v) == 10 {
		if v[7] != '-' {
			return 0, 0, 0, false
		}
		if d, ok = num(v[8:10]); !ok {
			return 0, 0, 0, false
		}
	}
	return y, m, d, true
}

// dateStart is the first day of the year, month or day v names, as YYYY-MM-DD.
func dateStart(v string) string {
	y, m, d, _ := splitDate(v)
	return fmt.Sprintf("%04d-%02d-%02d", y, max(m, 1), max(d, 1))
}

// dateEnd is the day after the year, month or day v names, as YYYY-MM-DD.
// After 9999-12-31 it is "9999-12-32", which still sorts after every
// timestamp of that day.
func dateEnd(v string) string {
	y, m, d, _ := splitDate(v)
	var t time.Time
	switch {
	case m == 0:
		t = time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC)
	case d == 0:
		t = time.Date(y, time.Month(m)+1, 1, 0, 0, 0, 0, time.UTC)
	default:
		t = time.Date(y, time.Month(m), d+1, 0, 0, 0, 0, time.UTC)
	}
	if t.Year() > 9999 {
		return "9999-12-32"
	}
	return t.Format("2006-01-02")
}

// DateInterval returns the half-open interval [from, to) of timestamps a date
// atom selects, as "YYYY-MM-DD" strings that compare correctly with RFC 3339
// UTC text ("2020-02-24T17:51:00Z"); "" means unbounded. It returns "", ""
// for an atom that is not a date term.
func (a *Atom) DateInterval() (from, to string) {
	if a.Field != "date" {
		return "", ""
	}
	switch a.Op {
	case OpEq:
		return dateStart(a.Value), dateEnd(a.Value)
	case OpRange:
		return dateStart(a.Value), dateEnd(a.High)
	case OpGe:
		return dateStart(a.Value), ""
	case OpGt:
		return dateEnd(a.Value), ""
	case OpLt:
		return "", dateStart(a.Value)
	case OpLe:
		return "", dateEnd(a.Value)
	}
	return "", ""
}
