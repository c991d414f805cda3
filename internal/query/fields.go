package query

import (
	"strconv"
	"strings"
)

// Field describes one field of the language, for help texts and completion.
type Field struct {
	Name    string // written before the colon, e.g. "topic"
	Example string // e.g. `topic:"Machine Learning"`
	Help    string // one line
}

// Fields lists the known fields in alphabetical order.
var Fields = []Field{
	{"category", "category:news", "category, case-insensitive"},
	{"date", "date:2020-02  date:>=2020-01-01  date:2019..2020", "publication date: a year, month or day, compared or as a range"},
	{"domain", "domain:medicalxpress.com", "provider domain, case-insensitive"},
	{"git", "git:modified  git:new  git:untracked  git:conflicted  git:clean", "the git status of a linked article's file: modified, new (added), untracked, renamed, deleted, conflicted, or clean (in git, unchanged)"},
	{"has", "has:images  has:body  has:related  has:topics  has:duplicate", "articles that have images, a body, related articles, topics or another article with their webUrl"},
	{"heat", "heat:<=10  heat:10..20", "heat: a number, compared or as a range"},
	{"provider", `provider:"Medical Xpress"`, "provider name, case-insensitive"},
	{"published", "published:yes  published:no", "the published flag (yes, no, true, false)"},
	{"quality", "quality:>50  quality:10..20", "quality: a number, compared or as a range"},
	{"set", "set:Reading", "members of a set; a smart set's saved query"},
	{"topic", `topic:"Machine Learning"`, "one of the article's topics, case-insensitive"},
	{"type", "type:article", "article type, case-insensitive"},
}

// kind is how a field's value is read.
type kind int

const (
	kText kind = iota // any non-empty text
	kInt              // a number, comparison or range
	kDate             // a date, comparison or range
	kBool             // yes/no
	kHas              // one of hasValues
	kGit              // one of GitValues
)

var fieldKinds = map[string]kind{
	"category": kText, "date": kDate, "domain": kText, "git": kGit, "has": kHas, "heat": kInt,
	"provider": kText, "published": kBool, "quality": kInt, "set": kText,
	"topic": kText, "type": kText,
}

// hasValues are the values has: accepts.
var hasValues = []string{"body", "duplicate", "images", "related", "topics"}

// GitValues are the values git: accepts (besides "added", read as "new",
// git's own word): the states of a changed file, and clean.
var GitValues = []string{"clean", "conflicted", "deleted", "modified", "new", "renamed", "untracked"}

// fieldNames is the list of known field names for error messages.
func fieldNames() string {
	names := make([]string, len(Fields))
	for i, f := range Fields {
		names[i] = f.Name
	}
	return strings.Join(names, ", ")
}

// fieldAtom checks and normalizes a field token into an atom.
func fieldAtom(src string, tok token) (*Atom, error) {
	name := strings.ToLower(tok.text)
	k, ok := fieldKinds[name]
	if !ok {
		return nil, errorf(src, tok.pos, "unknown field %q (known: %s)", tok.text, fieldNames())
	}
	a := &Atom{Field: name, Value: tok.value, Pos: tok.pos}
	prefix := tok.text + ":"
	v, vpos := tok.value, tok.valuePos
	if src[vpos] == '"' {
		vpos++ // offsets inside a quoted value are approximate when it holds escapes
	}
	switch k {
	case kBool:
		switch strings.ToLower(v) {
		case "yes", "true":
			a.Value = "yes"
		case "no", "false":
			a.Value = "no"
		default:
			return nil, errorf(src, vpos, "expected yes or no after %q, found %q", prefix, v)
		}
	case kHas:
		a.Value = strings.ToLower(v)
		if !contains(hasValues, a.Value) {
			return nil, errorf(src, vpos, "unknown has: value %q (known: %s)", v, strings.Join(hasValues, ", "))
		}
	case kGit:
		a.Value = strings.ToLower(v)
		if a.Value == "added" {
			a.Value = "new"
		}
		if !contains(GitValues, a.Value) {
			return nil, errorf(src, vpos, "unknown git: value %q (known: %s)", v, strings.Join(GitValues, ", "))
		}
	case kInt, kDate:
		if err := comparison(src, a, prefix, v, vpos, k); err != nil {
			return nil, err
		}
	}
	return a, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// comparison reads [op]value or lo..hi into a for a number or date field.
func comparison(src string, a *Atom, prefix, v string, vpos int, k kind) error {
	for _, op := range []Op{OpGe, OpLe, OpGt, OpLt, "="} {
		if strings.HasPrefix(v, string(op)) {
			a.Op = op
			prefix += string(op)
			vpos += len(op)
			v = v[len(op):]
			break
		}
	}
	if a.Op == "=" {
		a.Op = OpEq
	}
	check := checkInt
	if k == kDate {
		check = checkDate
	}
	if lo, hi, ok := strings.Cut(v, ".."); ok && a.Op == OpEq {
		a.Op = OpRange
		var err error
		if a.Value, err = check(src, lo, prefix, vpos); err != nil {
			return err
		}
		if a.High, err = check(src, hi, prefix+lo+"..", vpos+len(lo)+2); err != nil {
			return err
		}
		if k == kInt && mustInt(a.Value) > mustInt(a.High) || k == kDate && dateStart(a.Value) >= dateEnd(a.High) {
			return errorf(src, vpos, "empty range: %s is after %s", a.Value, a.High)
		}
		return nil
	}
	var err error
	a.Value, err = check(src, v, prefix, vpos)
	return err
}

// checkInt validates a decimal number and returns it normalized.
func checkInt(src, v, after string, pos int) (string, error) {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		if v == "" {
			return "", errorf(src, pos, "expected a number after %q", after)
		}
		return "", errorf(src, pos, "expected a number after %q, found %q", after, v)
	}
	return strconv.FormatInt(n, 10), nil
}

func mustInt(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}
