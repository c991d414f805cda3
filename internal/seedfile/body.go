package seedfile

import (
	"strings"
)

// SetBody replaces the Markdown body. The blank line that separates the
// body from the closing --- is kept (and added when the document had
// neither body nor separator). Invalid UTF-8 and NUL characters are
// replaced with U+FFFD so that the document stays a valid seed file.
func (d *Document) SetBody(body string) {
	body = strings.ReplaceAll(strings.ToValidUTF8(body, "\uFFFD"), "\x00", "\uFFFD")
	if body == d.Body() {
		return
	}
	closeEnd := d.closeEnd
	head := d.src[:closeEnd:closeEnd]
	if closeEnd == len(d.src) && d.src[closeEnd-1] != '\n' {
		// The closing --- ends the file without a line break.
		head = append(head, d.nl...)
		closeEnd += len(d.nl)
	}
	sep := string(d.src[d.closeEnd:d.bodyOff])
	if sep == "" && (d.bodyOff == len(d.src) || strings.HasPrefix(body, "\n") || strings.HasPrefix(body, "\r\n")) {
		sep = d.nl
	}
	src := make([]byte, 0, len(head)+len(sep)+len(body))
	d.src = append(append(append(src, head...), sep...), body...)
	d.closeEnd = closeEnd
	d.bodyOff = closeEnd + len(sep)
}
