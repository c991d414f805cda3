package seedfile

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// scalarText returns the YAML text and the resolved tag a Go scalar value
// must round-trip to.
func scalarValue(v any) (text, tag string, err error) {
	switch x := v.(type) {
	case string:
		if !utf8.ValidString(x) {
			return "", "", errors.New("value is not valid UTF-8")
		}
		return x, "!!str", nil
	case int:
		return strconv.Itoa(x), "!!int", nil
	case bool:
		return strconv.FormatBool(x), "!!bool", nil
	}
	return "", "", errors.New("not a scalar")
}

// plainOK reports whether s can be written as a plain scalar and read back
// as the same string (or, with allowTime, as a timestamp written as s).
func plainOK(s string, flow, allowTime bool) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' || s[0] == '\t' || s[len(s)-1] == '\t' {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0) || r == 0x2028 || r == 0x2029 || r == 0xFEFF || r >= 0xFFFE && r <= 0xFFFF {
			return false
		}
		if flow && strings.ContainsRune(",[]{}", r) {
			return false
		}
	}
	if strings.Contains(s, " #") || strings.Contains(s, ": ") || strings.HasSuffix(s, ":") {
		return false
	}
	if flow && (strings.ContainsAny(s, ":#") || strings.ContainsAny(s[:1], "?-") || !flowPlainOK(s, allowTime)) {
		return false // stricter rules inside [ ] and { }
	}
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~":
		return false // booleans and null in YAML 1.1 or 1.2
	}
	if simplePlain(s) {
		return true
	}
	if tag, ok := resolvePlain(s); ok && !flow && plainValueOK(s) && (tag == "!!str" || allowTime && tag == "!!timestamp") {
		return true // the fast parser's subset, checked against yaml.v3
	}
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(s), &n); err != nil || n.Kind != yaml.DocumentNode || len(n.Content) != 1 {
		return false
	}
	c := n.Content[0]
	if c.Kind != yaml.ScalarNode || c.Style != 0 || c.Value != s {
		return false
	}
	return c.Tag == "!!str" || allowTime && c.Tag == "!!timestamp"
}

// doubleQuoted renders s as a double-quoted YAML scalar, escaping only what
// must be escaped (as the seeds' generator does: backslash and quote, plus
// control and line-break characters).
func doubleQuoted(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0):
			b.WriteString(`\x`)
			b.WriteString(strings.ToUpper(strconv.FormatInt(int64(r)+0x100, 16)[1:]))
		case r == 0x2028 || r == 0x2029 || r == 0xFEFF || r == 0xFFFE || r == 0xFFFF:
			b.WriteString(`\u`)
			b.WriteString(strings.ToUpper(strconv.FormatInt(int64(r)+0x10000, 16)[1:]))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// singleQuotedOK reports whether s can be written single-quoted on one line.
func singleQuotedOK(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0) || r == 0x2028 || r == 0x2029 || r == 0xFEFF || r == 0xFFFE || r == 0xFFFF {
			return false
		}
	}
	return !strings.HasPrefix(s, " ") && !strings.HasSuffix(s, " ")
}

// blockScalar renders s as a literal (or, for a single line, folded) block
// scalar whose content lines are indented by indent spaces, and checks that
// it reads back as s.
func blockScalar(s string, folded bool, indent int, nl string) (string, bool) {
	if s == "" || strings.ContainsAny(s, "\r\t") || !singleQuotedOK(strings.ReplaceAll(s, "\n", "")) {
		return "", false
	}
	body := strings.TrimRight(s, "\n")
	if body == "" || strings.HasPrefix(body, " ") {
		return "", false
	}
	header := "|"
	switch trailing := len(s) - len(body); {
	case trailing == 0:
		header += "-"
	case trailing > 1:
		header += "+"
	}
	if folded {
		if strings.Contains(body, "\n") || strings.HasSuffix(body, " ") {
			return "", false
		}
		header = ">" + header[1:]
	}
	pad := strings.Repeat(" ", indent)
	var b strings.Builder
	b.WriteString(header)
	lines := strings.Split(s[:len(body)+max(0, len(s)-len(body)-1)], "\n")
	for _, l := range lines {
		b.WriteString(nl)
		if l != "" {
			b.WriteString(pad)
			b.WriteString(l)
		}
	}
	text := b.String()
	var n yaml.Node
	check := "k: " + strings.ReplaceAll(text, nl, "\n") + "\n"
	if err := yaml.Unmarshal([]byte(check), &n); err != nil || len(n.Content) != 1 || len(n.Content[0].Content) != 2 {
		return "", false
	}
	if v := n.Content[0].Content[1]; v.Value != s || v.Tag != "!!str" {
		return "", false
	}
	return text, true
}

// renderScalar renders a scalar value in the given style when it reads back
// as the same value and type; otherwise a string is double-quoted and an
// int or bool is written plain. allowTime accepts a plain timestamp.
func renderScalar(v any, style yaml.Style, flow, allowTime bool, indent int, nl string) (string, error) {
	text, tag, err := scalarValue(v)
	if err != nil {
		return "", err
	}
	if tag != "!!str" {
		return text, nil
	}
	style &^= yaml.TaggedStyle | yaml.FlowStyle
	switch style {
	case 0:
		if plainOK(text, flow, allowTime) {
			return text, nil
		}
	case yaml.SingleQuotedStyle:
		if singleQuotedOK(text) {
			return "'" + strings.ReplaceAll(text, "'", "''") + "'", nil
		}
	case yaml.LiteralStyle, yaml.FoldedStyle:
		if !flow {
			if out, ok := blockScalar(text, style == yaml.FoldedStyle, indent, nl); ok {
				return out, nil
			}
		}
	}
	return doubleQuoted(text), nil
}

// simplePlain reports whether s is plainly a string: it starts with a letter
// and holds only letters, digits, spaces and a few punctuation marks, so it
// cannot read as a number, date, indicator or comment.
func simplePlain(s string) bool {
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case i == 0:
			return false
		case r >= '0' && r <= '9', r == ' ', r == '.', r == '-', r == '_', r == '/', r == '(', r == ')', r == '+', r == '&':
		default:
			return false
		}
	}
	return true
}

// flowPlainOK checks that s reads back as itself as a plain scalar inside a
// flow sequence and a flow mapping.
func flowPlainOK(s string, allowTime bool) bool {
	for _, doc := range []string{"[" + s + "]", "{k: " + s + "}"} {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(doc), &n); err != nil || len(n.Content) != 1 {
			return false
		}
		c := n.Content[0]
		if len(c.Content) == 0 {
			return false
		}
		v := c.Content[len(c.Content)-1]
		if len(c.Content) != 1 && c.Kind == yaml.SequenceNode || c.Kind == yaml.MappingNode && len(c.Content) != 2 {
			return false
		}
		if v.Kind != yaml.ScalarNode || v.Style != 0 || v.Value != s || !(v.Tag == "!!str" || allowTime && v.Tag == "!!timestamp") {
			return false
		}
	}
	return true
}
