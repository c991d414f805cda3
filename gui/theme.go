package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"golang.org/x/image/font/gofont/gomono"
)

// ThemeMode picks the colour variant: follow the system, or force light or dark.
type ThemeMode string

// The theme modes, as stored in the preferences.
const (
	ThemeSystem ThemeMode = "system"
	ThemeLight  ThemeMode = "light"
	ThemeDark   ThemeMode = "dark"
)

var themeModes = []ThemeMode{ThemeSystem, ThemeLight, ThemeDark}

// label is the mode's name in the theme menu.
func (m ThemeMode) label() string {
	switch m {
	case ThemeLight:
		return "Light"
	case ThemeDark:
		return "Dark"
	default:
		return "System"
	}
}

// parseThemeMode reads a stored mode, defaulting to ThemeSystem.
func parseThemeMode(s string) ThemeMode {
	for _, m := range themeModes {
		if string(m) == s {
			return m
		}
	}
	return ThemeSystem
}

// appTheme wraps the default theme with a variant override and a few calmer
// touches: a muted accent and a slightly roomier line spacing for tables.
type appTheme struct {
	base fyne.Theme
	mode ThemeMode
}

var _ fyne.Theme = (*appTheme)(nil)

// newAppTheme returns the application theme in the given mode.
func newAppTheme(mode ThemeMode) *appTheme {
	return &appTheme{base: theme.DefaultTheme(), mode: mode}
}

// variant applies the override to the variant the system asks for.
func (t *appTheme) variant(v fyne.ThemeVariant) fyne.ThemeVariant {
	switch t.mode {
	case ThemeLight:
		return theme.VariantLight
	case ThemeDark:
		return theme.VariantDark
	default:
		return v
	}
}

// Color returns the named colour for the (overridden) variant.
func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	v = t.variant(v)
	switch n {
	case theme.ColorNamePrimary:
		if v == theme.VariantDark {
			return color.NRGBA{R: 0x6c, G: 0xa8, B: 0xd9, A: 0xff}
		}
		return color.NRGBA{R: 0x2f, G: 0x6f, B: 0xa8, A: 0xff}
	case theme.ColorNameSelection:
		if v == theme.VariantDark {
			return color.NRGBA{R: 0x6c, G: 0xa8, B: 0xd9, A: 0x50}
		}
		return color.NRGBA{R: 0x2f, G: 0x6f, B: 0xa8, A: 0x30}
	}
	return t.base.Color(n, v)
}

// monoFont is Go Mono: in Fyne's monospace font the underscore reaches the
// edge of the line and is cut off (TestMonospaceUnderscoreFitsTheLine).
var monoFont = fyne.NewStaticResource("GoMono.ttf", gomono.TTF)

// Font returns the default theme's font; plain monospace is Go Mono.
func (t *appTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace && !s.Bold && !s.Italic && !s.Symbol {
		return monoFont
	}
	return t.base.Font(s)
}

// Icon returns the default theme's icon.
func (t *appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

// Size returns the default theme's sizes.
func (t *appTheme) Size(n fyne.ThemeSizeName) float32 { return t.base.Size(n) }
