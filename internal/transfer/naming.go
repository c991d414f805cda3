package transfer

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Placeholders lists the placeholders a name template may use, for help texts.
var Placeholders = []string{
	"{id}", "{file}", "{name}", "{slug}", "{title}", "{date:LAYOUT}", "{date}",
	"{provider.domain}", "{provider.name}", "{category}", "{type}", "{hash}",
}

// nameFields are the values a file name is made from.
type nameFields struct {
	ID             int64
	File           string
	Title          string
	PublishedAt    string // RFC 3339, "" if unknown
	ProviderName   string
	ProviderDomain string
	Category       string
	Type           string
	WebURL         string
	Hash           string // first 16 hex of SHA-256 of webUrl, else of the text; "" until known
}

// hashOf returns the first 16 hex digits of the SHA-256 of s, as the seeds'
// own file names use.
func hashOf(s []byte) string {
	sum := sha256.Sum256(s)
	return hex.EncodeToString(sum[:8])
}

// defaultName is the name an article without a file name gets: like the
// seeds, NNN_<16 hex>.txt with NNN the export index modulo 1000.
func defaultName(index int, hash string) string {
	return fmt.Sprintf("%03d_%s.txt", index%1000, hash)
}

// tmplPart is a literal or a placeholder of a name template.
type tmplPart struct {
	lit string // literal text (placeholder when key != "")
	key string // placeholder name
	arg string // the date layout
}

// NameTemplate is a parsed export name template such as
// "{date:2006-01}/{provider.domain}/{slug}.md". "/" separates folders;
// "{{" and "}}" are literal braces.
type NameTemplate struct {
	parts []tmplPart
	src   string
}

// ParseNameTemplate parses a name template, refusing unknown placeholders.
func ParseNameTemplate(s string) (*NameTemplate, error) {
	t := &NameTemplate{src: s}
	var lit strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '{' && i+1 < len(s) && s[i+1] == '{', c == '}' && i+1 < len(s) && s[i+1] == '}':
			lit.WriteByte(c)
			i++
		case c == '}':
			return nil, fmt.Errorf("name template %q: unmatched } at offset %d", s, i)
		case c == '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return nil, fmt.Errorf("name template %q: unclosed { at offset %d", s, i)
			}
			key, arg, _ := strings.Cut(s[i+1:i+end], ":")
			if !knownPlaceholder(key) {
				return nil, fmt.Errorf("name template %q: unknown placeholder {%s} (known: %s)", s, key, strings.Join(Placeholders, " "))
			}
			if arg != "" && key != "date" {
				return nil, fmt.Errorf("name template %q: {%s} takes no argument", s, key)
			}
			if lit.Len() > 0 {
				t.parts = append(t.parts, tmplPart{lit: lit.String()})
				lit.Reset()
			}
			t.parts = append(t.parts, tmplPart{key: key, arg: arg})
			i += end
		default:
			lit.WriteByte(c)
		}
	}
	if lit.Len() > 0 {
		t.parts = append(t.parts, tmplPart{lit: lit.String()})
	}
	if len(t.parts) == 0 {
		return nil, fmt.Errorf("name template is empty")
	}
	return t, nil
}

// String returns the template as written.
func (t *NameTemplate) String() string { return t.src }

func knownPlaceholder(key string) bool {
	switch key {
	case "id", "file", "name", "slug", "title", "date", "provider.domain", "provider.name", "category", "type", "hash":
		return true
	}
	return false
}

// usesHash reports whether rendering needs the article hash.
func (t *NameTemplate) usesHash(f *nameFields) bool {
	for _, p := range t.parts {
		if p.key == "hash" || (p.key == "file" || p.key == "name") && f.File == "" {
			return true
		}
	}
	return false
}

// render builds the relative file name (forward slashes, each element
// sanitized) for the article at export index.
func (t *NameTemplate) render(index int, f *nameFields) string {
	var b strings.Builder
	for _, p := range t.parts {
		switch p.key {
		case "":
			b.WriteString(p.lit)
		case "id":
			b.WriteString(strconv.FormatInt(f.ID, 10))
		case "file":
			b.WriteString(fileOrDefault(index, f))
		case "name":
			file := fileOrDefault(index, f)
			stem := strings.TrimSuffix(file, path.Ext(file))
			if stem == "" || strings.HasSuffix(stem, "/") { // ".txt": the extension is the whole name
				stem = file
			}
			b.WriteString(stem)
		case "slug":
			b.WriteString(Slug(f.Title))
		case "title":
			b.WriteString(element(orDefault(truncate(f.Title, 120), "untitled")))
		case "date":
			b.WriteString(formatDate(f.PublishedAt, p.arg))
		case "provider.domain":
			b.WriteString(element(orDefault(f.ProviderDomain, "unknown")))
		case "provider.name":
			b.WriteString(element(orDefault(f.ProviderName, "unknown")))
		case "category":
			b.WriteString(element(orDefault(f.Category, "unknown")))
		case "type":
			b.WriteString(element(orDefault(f.Type, "unknown")))
		case "hash":
			b.WriteString(f.Hash)
		}
	}
	return SanitizePath(b.String())
}

func fileOrDefault(index int, f *nameFields) string {
	if f.File != "" {
		return strings.ReplaceAll(f.File, "\\", "/")
	}
	return defaultName(index, f.Hash)
}

func formatDate(published, layout string) string {
	t, err := time.Parse(time.RFC3339, published)
	if err != nil {
		return "undated"
	}
	if layout == "" {
		layout = time.DateOnly
	}
	return t.UTC().Format(layout)
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// element makes a value one path element: separators become "_", and a
// value of "." or ".." (which would name the folder itself or its parent)
// becomes "_".
func element(s string) string {
	if s == "." || s == ".." {
		return "_"
	}
	return strings.NewReplacer("/", "_", "\\", "_").Replace(s)
}

// Slug turns a title into a lower-case, hyphen-separated file name part of
// letters and digits, at most 80 bytes; "untitled" when nothing is left.
func Slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			if b.Len()+utf8.RuneLen(r) > 80 {
				break
			}
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "untitled"
	}
	return strings.TrimSuffix(b.String(), "-")
}

// truncate cuts s to at most n bytes at a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// SanitizePath makes a relative slash-separated name safe to write under a
// destination on any system: no absolute paths, no "." or ".." elements, no
// characters Windows refuses, no reserved device names, no trailing dots or
// spaces, elements at most 200 bytes. A name that is already safe is
// returned unchanged.
func SanitizePath(name string) string {
	name = strings.ToValidUTF8(name, "_")
	var elems []string
	for _, e := range strings.Split(strings.ReplaceAll(name, "\\", "/"), "/") {
		if e == "" || e == "." {
			continue
		}
		elems = append(elems, sanitizeElement(e))
	}
	if len(elems) == 0 {
		return "_"
	}
	return strings.Join(elems, "/")
}

func sanitizeElement(e string) string {
	e = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`<>:"|?*`, r) {
			return '_'
		}
		return r
	}, e)
	e = strings.TrimRight(e, ". ")
	if e == "" {
		return "_"
	}
	base, _, _ := strings.Cut(e, ".")
	if reservedName(strings.ToUpper(strings.TrimSpace(base))) {
		e = "_" + e
	}
	if len(e) > 200 {
		ext := path.Ext(e)
		if len(ext) > 16 {
			ext = ""
		}
		e = truncate(e[:len(e)-len(ext)], 200-len(ext)) + ext
	}
	return e
}

func reservedName(s string) bool {
	switch s {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if len(s) == 4 && (strings.HasPrefix(s, "COM") || strings.HasPrefix(s, "LPT")) && s[3] >= '1' && s[3] <= '9' {
		return true
	}
	return false
}

// namer hands out unique names in export order: a taken name gets "-2",
// "-3" … before its extension. Names compare case-insensitively, so the
// result unpacks on any file system. A folder whose name an earlier file
// took is renamed the same way ("-2" …), for every name under it, so a
// file and a folder never clash.
//
// The names taken are recorded in a nameStore: for an export, the plan's
// scratch file (diskNames), so that a million names are not held in memory
// (TestExportMemoryPerArticle). What a folder resolves to never changes
// once decided, so the namer caches a few thousand of those decisions.
type namer struct {
	store nameStore
	dirs  map[string]string // folder as named -> the folder used (a cache)
}

// nameStore records the lower-case names a namer handed out.
type nameStore interface {
	// addFile records k as a file's name unless a file or folder has it,
	// and reports whether it did.
	addFile(k string) (bool, error)
	// addDir records k as a folder's name.
	addDir(k string) error
	// isFile reports whether a file has the name k.
	isFile(k string) (bool, error)
	// renamedDir returns the folder used instead of the folder k, if any.
	renamedDir(k string) (string, bool, error)
	// renameDir records alt as the folder used instead of the folder k.
	renameDir(k, alt string) error
}

// maxDirCache bounds the namer's cache of folders (a variable for tests).
var maxDirCache = 4096

// newNamer returns a namer recording names in store, with the reserved
// names taken as files.
func newNamer(store nameStore, reserved ...string) (*namer, error) {
	n := &namer{store: store, dirs: map[string]string{}}
	for _, r := range reserved {
		if _, err := store.addFile(strings.ToLower(r)); err != nil {
			return nil, err
		}
	}
	return n, nil
}

// unique returns name, or name with its folders and file renamed as needed.
func (n *namer) unique(name string) (string, error) {
	elems := strings.Split(name, "/")
	dir := ""
	for _, e := range elems[:len(elems)-1] {
		d, err := n.folder(dir + e)
		if err != nil {
			return "", err
		}
		dir = d + "/"
	}
	file := elems[len(elems)-1]
	ext := path.Ext(file)
	if ext == file {
		ext = ""
	}
	stem := strings.TrimSuffix(file, ext)
	cand := dir + file
	for i := 2; ; i++ {
		ok, err := n.store.addFile(strings.ToLower(cand))
		if err != nil {
			return "", err
		}
		if ok {
			return cand, nil
		}
		cand = dir + stem + "-" + strconv.Itoa(i) + ext
	}
}

// folder returns the folder used for the folder d (its parent already
// resolved).
func (n *namer) folder(d string) (string, error) {
	if to, ok := n.dirs[d]; ok {
		return to, nil
	}
	given := d
	l := strings.ToLower(d)
	to, ok, err := n.store.renamedDir(l)
	if err != nil {
		return "", err
	}
	if ok {
		d = to
	} else if isFile, err := n.store.isFile(l); err != nil {
		return "", err
	} else if isFile {
		alt := d
		for i := 2; ; i++ {
			taken, err := n.store.isFile(strings.ToLower(alt))
			if err != nil {
				return "", err
			}
			if !taken {
				break
			}
			alt = d + "-" + strconv.Itoa(i)
		}
		if err := n.store.renameDir(l, alt); err != nil {
			return "", err
		}
		d = alt
	}
	if err := n.store.addDir(strings.ToLower(d)); err != nil {
		return "", err
	}
	if len(n.dirs) >= maxDirCache {
		clear(n.dirs)
	}
	n.dirs[given] = d
	return d, nil
}
