package gitrepo

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Diff returns the unified diff of the given paths (relative to Dir; none
// means the whole folder) between HEAD and the files on disk, staged or not:
// what a commit of them would record. Untracked files are shown as new
// files, the way `git diff --no-index /dev/null FILE` shows them but without
// its "index" line. Paths in the headers are relative to Dir.
func (r *Repo) Diff(ctx context.Context, paths ...string) (string, error) {
	diffs, err := r.Diffs(ctx, paths...)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, d := range diffs {
		b.WriteString(d.Text)
	}
	return b.String(), nil
}

// Diffs is Diff cut into one FileDiff per file, sorted by path.
func (r *Repo) Diffs(ctx context.Context, paths ...string) ([]FileDiff, error) {
	base, err := r.base(ctx)
	if err != nil {
		return nil, err
	}
	spec := pathspec(paths)
	// The prefixes are fixed against diff.noprefix and diff.mnemonicPrefix,
	// and external diff tools are off, so the output has git's own format;
	// core.quotePath=false leaves non-ASCII names readable, as newDiff does.
	args := append([]string{"-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff",
		"--src-prefix=a/", "--dst-prefix=b/", "--relative", base, "--"}, spec...)
	out, err := r.run(ctx, call{args: args})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.Dir, err)
	}
	diffs, err := splitPatch(string(out))
	if err != nil {
		return nil, fmt.Errorf("git diff in %s: %w", r.Dir, err)
	}
	untracked, err := r.untracked(ctx, spec)
	if err != nil {
		return nil, err
	}
	for _, p := range untracked {
		var b strings.Builder
		if err := newDiff(&b, r.Dir, p); err != nil {
			return nil, err
		}
		diffs = append(diffs, FileDiff{Path: p, Text: b.String()})
	}
	sort.SliceStable(diffs, func(i, j int) bool { return diffs[i].Path < diffs[j].Path })
	return diffs, nil
}

// pathspec returns the paths as git arguments: "." for the whole folder.
func pathspec(paths []string) []string {
	if len(paths) == 0 {
		return []string{"."}
	}
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.ToSlash(p)
	}
	return out
}

// base returns what the working tree is compared with: HEAD, or the empty
// tree in a repository without a commit yet (hashed by git, so that it is
// right for SHA-1 and SHA-256 repositories alike).
func (r *Repo) base(ctx context.Context) (string, error) {
	if _, err := r.run(ctx, call{args: []string{"rev-parse", "-q", "--verify", "HEAD^{commit}"}}); err == nil {
		return "HEAD", nil
	}
	out, err := r.run(ctx, call{args: []string{"hash-object", "-t", "tree", "--stdin"}, stdin: []byte{}})
	if err != nil {
		return "", fmt.Errorf("%s: %w", r.Dir, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// untracked returns the untracked, not ignored files among spec, relative
// to Dir and sorted. A nested repository shows up as a directory ("sub/")
// and is left out: it has no content of its own to show.
func (r *Repo) untracked(ctx context.Context, spec []string) ([]string, error) {
	args := append([]string{"ls-files", "-z", "--others", "--exclude-standard", "--"}, spec...)
	out, err := r.run(ctx, call{args: args})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.Dir, err)
	}
	var files []string
	for _, f := range bytes.Split(out, []byte{0}) {
		if len(f) > 0 && f[len(f)-1] != '/' {
			files = append(files, string(f))
		}
	}
	sort.Strings(files)
	return files, nil
}

// binaryProbe is how far git looks for a NUL byte to call content binary.
const binaryProbe = 8000

// newDiff writes the diff that adds the untracked file rel (relative to dir)
// in git's format: header, mode, then every line as an addition, or
// "Binary files … differ" for content with a NUL byte.
func newDiff(b *strings.Builder, dir, rel string) error {
	full := filepath.Join(dir, filepath.FromSlash(rel))
	fi, err := os.Lstat(full)
	if err != nil {
		return fmt.Errorf("diff of new file: %w", err)
	}
	var content []byte
	mode := "100644"
	switch {
	case fi.Mode()&os.ModeSymlink != 0:
		target, err := os.Readlink(full)
		if err != nil {
			return fmt.Errorf("diff of new file: %w", err)
		}
		content, mode = []byte(target), "120000"
	default:
		if content, err = os.ReadFile(full); err != nil {
			return fmt.Errorf("diff of new file: %w", err)
		}
		if fi.Mode()&0o111 != 0 {
			mode = "100755"
		}
	}
	a, bname := quotePath("a/"+rel), quotePath("b/"+rel)
	fmt.Fprintf(b, "diff --git %s %s\nnew file mode %s\n", a, bname, mode)
	if len(content) == 0 {
		return nil
	}
	if bytes.IndexByte(content[:min(len(content), binaryProbe)], 0) >= 0 {
		fmt.Fprintf(b, "Binary files /dev/null and %s differ\n", bname)
		return nil
	}
	// git ends a name with a space in a tab on the ---/+++ lines, for patch.
	tab := ""
	if bname[0] != '"' && strings.ContainsRune(rel, ' ') {
		tab = "\t"
	}
	lines := bytes.SplitAfter(content, []byte{'\n'})
	if len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	fmt.Fprintf(b, "--- /dev/null\n+++ %s%s\n", bname, tab)
	if len(lines) == 1 {
		b.WriteString("@@ -0,0 +1 @@\n")
	} else {
		fmt.Fprintf(b, "@@ -0,0 +1,%d @@\n", len(lines))
	}
	for _, l := range lines {
		b.WriteByte('+')
		b.Write(l)
	}
	if content[len(content)-1] != '\n' {
		b.WriteString("\n\\ No newline at end of file\n")
	}
	return nil
}

// quotePath quotes a name the way git does with core.quotePath=false: in
// double quotes, with C escapes, when it holds a control character, a
// double quote or a backslash; bytes from 0x80 up stay as they are.
func quotePath(name string) string {
	needs := false
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < 0x20 || c == '"' || c == '\\' || c == 0x7f {
			needs = true
			break
		}
	}
	if !needs {
		return name
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch c {
		case '\a':
			b.WriteString(`\a`)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\v':
			b.WriteString(`\v`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		default:
			if c < 0x20 || c == 0x7f {
				fmt.Fprintf(&b, `\%03o`, c)
			} else {
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
