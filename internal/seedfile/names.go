package seedfile

import (
	"path"
	"slices"
	"strings"
)

// Extensions are the extensions (compared in lower case) of the files a
// folder or a zip is searched for: the seeds' .txt and the Markdown
// extensions static site generators use.
var Extensions = []string{".txt", ".md", ".markdown", ".mdx"}

// IsSeedName reports whether a file found inside a folder or a zip is a
// seed file: its name ends in one of Extensions (any case) and neither it
// nor a folder above it is hidden (see IsHidden).
func IsSeedName(name string) bool {
	return !IsHidden(name) && HasSeedExt(name)
}

// IsHidden reports whether a slash-separated name or a folder above it is
// hidden: starts with "." or is __MACOSX.
func IsHidden(name string) bool {
	name = strings.ReplaceAll(name, "\\", "/")
	for _, elem := range strings.Split(name, "/") {
		if strings.HasPrefix(elem, ".") && elem != "." && elem != ".." || elem == "__MACOSX" {
			return true
		}
	}
	return false
}

// HasSeedExt reports whether name ends in one of Extensions.
func HasSeedExt(name string) bool {
	return slices.Contains(Extensions, strings.ToLower(path.Ext(strings.ReplaceAll(name, "\\", "/"))))
}
