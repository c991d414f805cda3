// Package seedfile reads and writes seed files losslessly.
//
// A seed file is YAML front matter between a "---" line and the next "---"
// line, followed by an optional Markdown body. Parse keeps the exact bytes of
// the file: Bytes returns them unchanged until the document is edited, and
// edits (Set, Delete, SetBody, SetExtra) splice new text into the original so
// that only the lines of the edited fields change. Comments, quoting styles,
// blank lines, key order, unknown fields, YAML anchors and aliases, CRLF
// line endings and a UTF-8 byte order mark all survive. Aliases read as the
// value they repeat; what they repeat is bounded (MaxAliasExpansion), and
// an edit that would change what an alias repeats is refused (ErrAliased).
//
// Article gives a typed, lenient view of the known fields listed in Fields;
// New renders a new article in the seeds' own layout.
package seedfile
