package gitrepo

import "bytes"

// HasConflictMarkers reports whether text holds a conflict git left in a
// file: a line starting "<<<<<<< " (or exactly "<<<<<<<"), later a line
// "=======", later a line starting ">>>>>>> " (or exactly ">>>>>>>"). All
// three are required, in that order, because a lone "=======" line is an
// ordinary Markdown heading underline. Lines may end in CRLF.
func HasConflictMarkers(text []byte) bool {
	const (
		wantOurs = iota
		wantSep
		wantTheirs
	)
	want := wantOurs
	for len(text) > 0 {
		line := text
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = nil
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		switch {
		case want == wantOurs && isMarker(line, '<'):
			want = wantSep
		case want == wantSep && string(line) == "=======":
			want = wantTheirs
		case want == wantTheirs && isMarker(line, '>'):
			return true
		}
	}
	return false
}

// isMarker reports whether line is seven of c alone or followed by a space
// and a label ("<<<<<<< HEAD"), the way git writes a conflict's ends.
func isMarker(line []byte, c byte) bool {
	if len(line) < 7 {
		return false
	}
	for _, b := range line[:7] {
		if b != c {
			return false
		}
	}
	return len(line) == 7 || line[7] == ' '
}
