package gitrepo

import (
	"fmt"
	"strings"
)

// FileDiff is the diff of one file, for a Changes panel that lists files.
type FileDiff struct {
	Path     string // relative to Repo.Dir; a rename's new name
	OrigPath string // a rename's or copy's old name; "" otherwise
	Text     string // git's patch for this file, from its "diff --git" line
}

// splitPatch cuts git's patch output into one FileDiff per file at its
// "diff --git" headers. A content line always starts with ' ', '+', '-',
// '\' or '@', so a line starting "diff --git " is a header. A type change
// (a file become a symlink) is two patches for one path, kept together.
func splitPatch(patch string) ([]FileDiff, error) {
	var out []FileDiff
	for patch != "" {
		if !strings.HasPrefix(patch, "diff --git ") {
			return nil, fmt.Errorf("unexpected diff line %q", firstLine(patch))
		}
		end := strings.Index(patch, "\ndiff --git ")
		if end < 0 {
			end = len(patch)
		} else {
			end++
		}
		fd, err := fileDiff(patch[:end])
		if err != nil {
			return nil, err
		}
		if n := len(out); n > 0 && out[n-1].Path == fd.Path && out[n-1].OrigPath == fd.OrigPath {
			out[n-1].Text += fd.Text
		} else {
			out = append(out, fd)
		}
		patch = patch[end:]
	}
	return out, nil
}

// fileDiff names one file's patch from its extended header: "rename to" and
// "copy to" lines, else the "+++"/"---" lines, else (a mode change or a
// binary file) the "diff --git a/X b/X" line itself, whose two halves are
// the same name.
func fileDiff(text string) (FileDiff, error) {
	fd := FileDiff{Text: text}
	header := firstLine(text)
	var minus, plus string
	for _, line := range strings.Split(text, "\n")[1:] {
		switch {
		case strings.HasPrefix(line, "rename from "):
			fd.OrigPath = unquotePath(line[len("rename from "):])
		case strings.HasPrefix(line, "copy from "):
			fd.OrigPath = unquotePath(line[len("copy from "):])
		case strings.HasPrefix(line, "rename to "):
			fd.Path = unquotePath(line[len("rename to "):])
		case strings.HasPrefix(line, "copy to "):
			fd.Path = unquotePath(line[len("copy to "):])
		case strings.HasPrefix(line, "--- "):
			minus = line[len("--- "):]
		case strings.HasPrefix(line, "+++ "):
			plus = line[len("+++ "):]
		}
		if strings.HasPrefix(line, "@@") || strings.HasPrefix(line, "Binary files ") {
			break
		}
	}
	if fd.Path != "" {
		return fd, nil
	}
	for _, side := range []struct{ name, prefix string }{{plus, "b/"}, {minus, "a/"}} {
		name := strings.TrimSuffix(side.name, "\t")
		if name == "" || name == "/dev/null" {
			continue
		}
		if name = unquotePath(name); strings.HasPrefix(name, side.prefix) {
			fd.Path = name[len(side.prefix):]
			return fd, nil
		}
	}
	names := header[len("diff --git "):]
	if strings.HasPrefix(names, `"`) {
		// Quoted: "a/X" "b/X"; the second name is what the file is now.
		if i := strings.LastIndex(names, ` "b/`); i > 0 {
			fd.Path = unquotePath(names[i+1:])[len("b/"):]
			return fd, nil
		}
	} else if n := len(names); n%2 == 1 && strings.HasPrefix(names, "a/") {
		a, b := names[:n/2], names[n/2+1:]
		if strings.HasPrefix(b, "b/") && a[2:] == b[2:] {
			fd.Path = b[2:]
			return fd, nil
		}
	}
	return FileDiff{}, fmt.Errorf("cannot tell the file of diff header %q", header)
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// unquotePath undoes quotePath: a name in double quotes has C escapes
// (\n, \t, \", \\, \ooo octal); any other name is itself.
func unquotePath(s string) string {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return s
	}
	s = s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch e := s[i]; e {
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'v':
			b.WriteByte('\v')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case '0', '1', '2', '3':
			if i+2 < len(s) && isOctal(s[i+1]) && isOctal(s[i+2]) {
				b.WriteByte((e-'0')<<6 | (s[i+1]-'0')<<3 | (s[i+2] - '0'))
				i += 2
			} else {
				b.WriteByte(e)
			}
		default:
			b.WriteByte(e)
		}
	}
	return b.String()
}

func isOctal(c byte) bool { return c >= '0' && c <= '7' }
