package widgets

import (
	"image/color"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// thumbRenderer draws a Thumbnail: the image, or a rounded placeholder with
// an icon and a caption.
type thumbRenderer struct {
	t       *Thumbnail
	bg      *canvas.Rectangle
	img     *canvas.Image
	icon    *canvas.Image
	caption *canvas.Text
	initial *canvas.Text // the text card's letter
	objects []fyne.CanvasObject
}

func newThumbRenderer(t *Thumbnail) *thumbRenderer {
	r := &thumbRenderer{
		t:       t,
		bg:      canvas.NewRectangle(nil),
		img:     &canvas.Image{FillMode: canvas.ImageFillCover, ScaleMode: canvas.ImageScaleSmooth},
		icon:    &canvas.Image{FillMode: canvas.ImageFillContain},
		caption: canvas.NewText("", nil),
		initial: canvas.NewText("", nil),
	}
	r.caption.Alignment = fyne.TextAlignCenter
	r.initial.Alignment = fyne.TextAlignCenter
	r.initial.TextStyle.Bold = true
	r.objects = []fyne.CanvasObject{r.bg, r.img, r.icon, r.initial, r.caption}
	r.Refresh()
	return r
}

func (r *thumbRenderer) Destroy() {}

func (r *thumbRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *thumbRenderer) MinSize() fyne.Size { return r.t.MinSize() }

func (r *thumbRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.bg.Move(fyne.NewPos(0, 0))
	r.img.Resize(size)
	r.img.Move(fyne.NewPos(0, 0))

	th := r.t.Theme()
	side := fyne.Min(fyne.Min(size.Width, size.Height)*0.4, th.Size(theme.SizeNameInlineIcon)*1.6)
	if !r.initial.Hidden {
		r.initial.TextSize = fyne.Min(fyne.Min(size.Width, size.Height)*0.36, 56)
		side = r.initial.MinSize().Height
	}
	capH := float32(0)
	if r.img.Hidden && r.caption.Text != "" {
		capH = r.caption.MinSize().Height
		if size.Height < side+capH+th.Size(theme.SizeNamePadding)*2 {
			capH = 0 // too small for a caption: icon only
		}
	}
	r.caption.Hidden = capH == 0
	top := (size.Height - side - capH) / 2
	r.icon.Resize(fyne.NewSize(side, side))
	r.icon.Move(fyne.NewPos((size.Width-side)/2, top))
	r.initial.Resize(fyne.NewSize(size.Width, side))
	r.initial.Move(fyne.NewPos(0, top))
	r.caption.Resize(fyne.NewSize(size.Width, capH))
	r.caption.Move(fyne.NewPos(0, top+side))
}

func (r *thumbRenderer) Refresh() {
	th := r.t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	radius := th.Size(theme.SizeNameInputRadius) + 2

	r.t.mu.Lock()
	state, img, text := r.t.state, r.t.img, r.t.text
	r.t.mu.Unlock()

	r.bg.FillColor = th.Color(theme.ColorNameInputBackground, v)
	r.bg.StrokeColor = th.Color(theme.ColorNameSeparator, v)
	r.bg.StrokeWidth = 1
	r.bg.CornerRadius = radius
	r.img.CornerRadius = radius

	r.img.FillMode = canvas.ImageFillCover
	if r.t.Contain {
		r.img.FillMode = canvas.ImageFillContain
	}
	r.initial.Hide()
	switch {
	case state == ThumbLoaded && img != nil:
		r.img.Image = img
		r.img.Show()
		r.icon.Hide()
		r.caption.Text = ""
	case state == ThumbEmpty && text != "":
		r.img.Image = nil
		r.img.Hide()
		r.icon.Hide()
		r.bg.FillColor = tint(th.Color(theme.ColorNamePrimary, v), th.Color(theme.ColorNameInputBackground, v))
		r.bg.StrokeWidth = 0
		r.initial.Text = initialOf(text)
		r.initial.Color = th.Color(theme.ColorNamePrimary, v)
		r.initial.Show()
		r.caption.Text = text
	default:
		r.img.Image = nil
		r.img.Hide()
		res := th.Icon(theme.IconNameMediaPhoto)
		if state == ThumbFailed {
			res = th.Icon(theme.IconNameBrokenImage)
		}
		r.icon.Resource = theme.NewDisabledResource(res)
		r.icon.Show()
		r.caption.Text = ""
		if state != ThumbEmpty {
			r.caption.Text = state.String()
		}
	}
	r.caption.Color = th.Color(theme.ColorNamePlaceHolder, v)
	if !r.initial.Hidden {
		r.caption.Color = th.Color(theme.ColorNameForeground, v)
	}
	if state == ThumbFailed {
		r.caption.Color = th.Color(theme.ColorNameError, v)
	}
	r.caption.TextSize = th.Size(theme.SizeNameCaptionText)

	r.Layout(r.t.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}

// initialOf is the text card's letter: the label's first letter or digit,
// upper case ("?" if it has none).
func initialOf(label string) string {
	for _, r := range label {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return strings.ToUpper(string(r))
		}
	}
	if r, _ := utf8.DecodeRuneInString(label); r != utf8.RuneError {
		return string(r)
	}
	return "?"
}

// tint mixes a sixth of c into bg: a calm background in the accent colour
// that suits light and dark themes.
func tint(c, bg color.Color) color.Color {
	cr, cg, cb, _ := c.RGBA()
	br, bgg, bb, _ := bg.RGBA()
	mix := func(a, b uint32) uint8 { return uint8((a*1 + b*5) / 6 >> 8) }
	return color.NRGBA{R: mix(cr, br), G: mix(cg, bgg), B: mix(cb, bb), A: 0xff}
}
