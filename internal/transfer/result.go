package transfer

import (
	"fmt"
	"strings"
	"time"

	"github.com/seedarchive/seedarchive/internal/numfmt"
)

// Status classifies one input of an import.
type Status int

// The statuses an input can have. The classification is the same in a dry
// run and in a real import.
const (
	// StatusNew: no stored article has this webUrl (or, without a URL, this
	// content); the input is stored as a new article.
	StatusNew Status = iota
	// StatusIdentical: a stored article (or an earlier input of the same
	// import) has exactly this content. Always skipped.
	StatusIdentical
	// StatusChanged: exactly one stored article has this webUrl, with other
	// content. What happens follows OnDuplicate.
	StatusChanged
	// StatusConflicting: either several stored articles have this webUrl, or
	// an earlier input of the same import had it with other content. Only
	// OnDuplicate KeepBoth stores it (as a new article); skip and replace
	// leave the archive as it is, since which one should win is unclear.
	StatusConflicting
	// StatusRefused: the input could not be read or is not a valid seed
	// file; FileResult.Reason says why.
	StatusRefused
)

var statusNames = [...]string{"new", "identical", "changed", "conflicting", "refused"}

// String returns the status as the CLI prints it: new, identical, changed,
// conflicting or refused.
func (s Status) String() string {
	if s < 0 || int(s) >= len(statusNames) {
		return fmt.Sprintf("Status(%d)", int(s))
	}
	return statusNames[s]
}

// Action is what an import did with an input.
type Action int

// The actions.
const (
	ActionNone     Action = iota // nothing written (skipped, refused, or a dry run)
	ActionInserted               // stored as a new article
	ActionReplaced               // replaced the stored duplicate (its edits are cleared)
)

// String returns "none", "inserted" or "replaced".
func (a Action) String() string {
	switch a {
	case ActionInserted:
		return "inserted"
	case ActionReplaced:
		return "replaced"
	default:
		return "none"
	}
}

// FileResult is the outcome of one import input.
type FileResult struct {
	Path   string // the input as the user knows it: a file path, or ZIP + "!" + entry
	Name   string // the file name it is (or would be) stored under
	Status Status
	Action Action
	ID     int64  // the article written or matched (0 if none)
	Line   int    // for refusals: the 1-based line of the problem, 0 if not about a line
	Reason string // for refusals and conflicts: why
}

// String formats a refusal as `PATH:LINE: reason` (or `PATH: reason`
// without a line), and any other result as `status PATH`.
func (r FileResult) String() string {
	switch {
	case r.Status == StatusRefused && r.Line > 0:
		return fmt.Sprintf("%s:%d: %s", r.Path, r.Line, r.Reason)
	case r.Status == StatusRefused, r.Reason != "":
		return fmt.Sprintf("%s: %s", r.Path, r.Reason)
	default:
		return fmt.Sprintf("%s %s", r.Status, r.Path)
	}
}

// ImportSummary totals an import.
type ImportSummary struct {
	DryRun      bool
	Total       int // inputs found (files and zip entries that count)
	Done        int // inputs processed (committed, or classified in a dry run)
	New         int
	Identical   int
	Changed     int
	Conflicting int
	Refused     int
	Inserted    int // articles stored as new
	Replaced    int // articles replaced
	// SkippedExtension counts the files inside the folders and zips given
	// that were not read because of their extension (see SeedExtensions);
	// hidden files are not counted.
	SkippedExtension int
	// NestedZips counts the .zip files found inside folders and zips, which
	// are not opened (a zip is read when given by itself).
	NestedZips int
	// RefusedFiles lists every refusal, in input order.
	RefusedFiles []FileResult
	// Conflicts lists every conflicting input, in input order.
	Conflicts []FileResult
	Elapsed   time.Duration
}

// Skipped is how many processed inputs were not written.
func (s ImportSummary) Skipped() int { return s.Done - s.Inserted - s.Replaced - s.Refused }

// String is the one-line summary both the CLI and the GUI show, e.g.
// "imported 98 of 100 files: 95 new, 3 replaced, 1 identical, 1 refused;
// 4 other files skipped for their extension (0.4s, 250 files/s)".
func (s ImportSummary) String() string {
	var b strings.Builder
	if s.DryRun {
		fmt.Fprintf(&b, "dry run: %s: %s new, %s identical, %s changed, %s conflicting, %s refused",
			plural(s.Done, "file"), num(s.New), num(s.Identical), num(s.Changed), num(s.Conflicting), num(s.Refused))
	} else {
		fmt.Fprintf(&b, "imported %s of %s: %s new", num(s.Inserted+s.Replaced), plural(s.Total, "file"), num(s.Inserted))
		if s.Replaced > 0 {
			fmt.Fprintf(&b, ", %s replaced", num(s.Replaced))
		}
		fmt.Fprintf(&b, ", %s identical", num(s.Identical))
		if skipped := s.Skipped() - s.Identical; skipped > 0 {
			fmt.Fprintf(&b, ", %s skipped", plural(skipped, "duplicate"))
		}
		if s.Conflicting > 0 {
			fmt.Fprintf(&b, ", %s conflicting", num(s.Conflicting))
		}
		fmt.Fprintf(&b, ", %s refused", num(s.Refused))
	}
	if s.SkippedExtension > 0 {
		fmt.Fprintf(&b, "; %s skipped for their extension", plural(s.SkippedExtension, "other file"))
	}
	if s.NestedZips > 0 {
		fmt.Fprintf(&b, "; %s not opened", plural(s.NestedZips, "nested zip"))
	}
	if s.Elapsed > 0 {
		secs := s.Elapsed.Seconds()
		fmt.Fprintf(&b, " (%.1fs, %.0f files/s)", secs, float64(s.Done)/secs)
	}
	return b.String()
}

func (s *ImportSummary) add(r FileResult) {
	s.Done++
	switch r.Status {
	case StatusNew:
		s.New++
	case StatusIdentical:
		s.Identical++
	case StatusChanged:
		s.Changed++
	case StatusConflicting:
		s.Conflicting++
		s.Conflicts = append(s.Conflicts, r)
	case StatusRefused:
		s.Refused++
		s.RefusedFiles = append(s.RefusedFiles, r)
	}
	switch r.Action {
	case ActionInserted:
		s.Inserted++
	case ActionReplaced:
		s.Replaced++
	}
}

// ExportedFile is one file an export wrote.
type ExportedFile struct {
	ID     int64
	Name   string // relative to the destination folder or zip, with forward slashes
	SHA256 string // hex SHA-256 of the bytes written
	Size   int
}

// ExportSummary totals an export.
type ExportSummary struct {
	Dest    string
	Zip     bool
	Count   int            // files written
	Bytes   int64          // on disk: the files' sizes, or the zip's
	Files   []ExportedFile // in export order; only with ExportOptions.ListFiles
	Elapsed time.Duration
}

// String is the one-line summary, e.g. "exported 120 articles to out.zip (1.2 MB, 0.3s)".
func (s ExportSummary) String() string {
	return fmt.Sprintf("exported %s to %s (%s, %.1fs)", plural(s.Count, "article"), s.Dest, numfmt.Bytes(s.Bytes), s.Elapsed.Seconds())
}

// plural is "1 noun" or "N nouns".
func plural(count int, noun string) string {
	if count == 1 {
		return "1 " + noun
	}
	return num(count) + " " + noun + "s"
}

// num is a count as the summaries show it: 1,405.
func num(count int) string { return numfmt.Int(count) }
