package seedfile

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// MaxSize is the largest seed file Parse accepts.
const MaxSize = 4 << 20

// Document is a parsed seed file. It keeps the exact original bytes; edits are
// spliced into that text so untouched bytes never change.
//
// Reading methods (Bytes, Article, Has, Images, Extra, Body, ...) may be
// called from several goroutines at once; edits (Set, Delete, SetBody,
// SetExtra) must not run concurrently with anything else on the document.
type Document struct {
	src      []byte     // the whole file, BOM included
	bom      bool       // src starts with a UTF-8 byte order mark
	nl       string     // line ending of the first line: "\n" or "\r\n"
	fmStart  int        // offset of the first front-matter line (after the opening ---)
	fmEnd    int        // offset of the closing --- line
	closeEnd int        // offset just after the closing line and its line break
	bodyOff  int        // offset of the body: closeEnd plus the blank separator line, if any
	root     *yaml.Node // top-level mapping; nil when the front matter is empty
	lines    []int      // built by Parse: offsets (relative to fmStart) of YAML line starts
	aliased  bool       // the front matter uses YAML anchors or aliases
}

// ParseError is a refusal of malformed input, with the 1-based line it is at.
type ParseError struct {
	Line int
	Msg  string
}

// Error formats the refusal as "line N: msg".
func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Bytes returns the document's current text (identical to the input when
// unedited). The caller must not modify the returned slice.
func (d *Document) Bytes() []byte { return d.src }

// CRLF reports whether the document uses CRLF line endings (judged by its
// first line); inserted lines use the same ending.
func (d *Document) CRLF() bool { return d.nl == "\r\n" }

// BOM reports whether the document starts with a UTF-8 byte order mark.
func (d *Document) BOM() bool { return d.bom }

// FrontMatter returns the text between the opening and closing --- lines.
func (d *Document) FrontMatter() []byte { return d.src[d.fmStart:d.fmEnd] }
