package gui

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/seedarchive/seedarchive/gui/table"
)

// Preference keys. Everything the window remembers lives in the app's
// preferences (so it needs an app ID: app.NewWithID or FyneApp.toml).
const (
	prefWidth       = "window.width"
	prefHeight      = "window.height"
	prefSplitSide   = "window.split.sidebar"
	prefSplitEditor = "window.split.editor"
	prefColumns     = "table.columns"
	prefWidths      = "table.widths"
	prefSort        = "table.sort"
	prefQuery       = "query.last" // + "." + a hash of the archive's path: see queryPref
	prefSelected    = "selected"   // + "." + a hash of the archive's path: see selectedPref
	prefTheme       = "theme"
	prefView        = "view"
	prefLastArchive = "archive.last"
	prefRecent      = "archive.recent"
	prefSamplesDone = "archive.samplesImported"

	prefFetchAfterImport = "images.fetchAfterImport"
	prefFetchLocal       = "images.allowLocal"
)

// queryPref is the key of the last query run on the archive at path: each
// archive remembers its own (a search of one means nothing in another).
func queryPref(path string) string {
	sum := sha256.Sum256([]byte(path))
	return prefQuery + "." + hex.EncodeToString(sum[:8])
}

// selectedPref is the key of the article focused last in the archive at
// path, focused again when the archive is opened.
func selectedPref(path string) string {
	sum := sha256.Sum256([]byte(path))
	return prefSelected + "." + hex.EncodeToString(sum[:8])
}

// maxRecent is how many archives the File menu remembers.
const maxRecent = 8

// encodeWidths stores column widths as "key=width;key=width".
func encodeWidths(w map[string]float32) string {
	keys := make([]string, 0, len(w))
	for k := range w {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+"="+strconv.FormatFloat(float64(w[k]), 'f', 0, 32))
	}
	return strings.Join(parts, ";")
}

// decodeWidths reads encodeWidths' format, skipping malformed parts.
func decodeWidths(s string) map[string]float32 {
	w := map[string]float32{}
	for _, part := range strings.Split(s, ";") {
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			continue
		}
		f, err := strconv.ParseFloat(v, 32)
		if err != nil || f < 20 || f > 4000 {
			continue
		}
		w[k] = float32(f)
	}
	return w
}

// addRecent puts path first in the recent archives list.
func addRecent(p fyne.Preferences, path string) {
	old := p.StringList(prefRecent)
	list := slices.DeleteFunc(slices.Clone(old), func(s string) bool { return s == path })
	list = append([]string{path}, list...)
	if len(list) > maxRecent {
		list = list[:maxRecent]
	}
	if !slices.Equal(list, old) {
		p.SetStringList(prefRecent, list)
	}
	setPref(p, prefLastArchive, path)
}

// setPref stores a string preference only when it changed (every write
// rewrites the preferences file).
func setPref(p fyne.Preferences, key, value string) {
	if p.String(key) != value {
		p.SetString(key, value)
	}
}

// prefColumnsDefaults is how many of earlierDefaultColumns the saved
// column list has been checked against (upgradeColumns).
const prefColumnsDefaults = "table.columns.defaults"

// earlierDefaultColumns are the default columns of earlier versions, oldest
// first; table.DefaultColumns replaced the last. Append the current
// default here when it changes.
var earlierDefaultColumns = [][]string{
	{"title", "provider.name", "publishedDateTime", "category", "type", "quality", "heat", "published", "topics", "images"},
}

// upgradeColumns gives an installation that kept an earlier default column
// layout the current default: the window saves its columns on every close,
// so without this no existing installation would ever see a new default.
// A saved list counts as kept only when it is exactly an earlier default
// (the same columns in the same order) and no column that the new default
// leaves out has a width the user dragged; any other layout is the user's
// and stays. It runs once per new default (prefColumnsDefaults), so a user
// who then picks an earlier default's columns again keeps them.
func upgradeColumns(p fyne.Preferences) {
	seen := len(earlierDefaultColumns)
	if p.Int(prefColumnsDefaults) >= seen {
		return
	}
	p.SetInt(prefColumnsDefaults, seen)
	saved := p.StringList(prefColumns)
	widths := decodeWidths(p.String(prefWidths))
	for _, old := range earlierDefaultColumns {
		if !slices.Equal(saved, old) {
			continue
		}
		for _, k := range old {
			if _, dragged := widths[k]; dragged && !slices.Contains(table.DefaultColumns, k) {
				return // a column the user sized: the layout is theirs
			}
		}
		p.SetStringList(prefColumns, table.DefaultColumns)
		return
	}
}
