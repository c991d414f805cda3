package widgets

import (
	"errors"
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// PreviewSize is the size of the image in ShowImagePreview.
var PreviewSize = fyne.NewSize(400, 300)

// ShowImagePreview opens a dialog over win with a larger view of the image
// at imageURL from src, the URL, details (dimensions, where the article
// refers to it; may be empty), what the cache says when there is no image
// to show (not fetched yet, or why the fetch failed) and a button opening
// the URL in the browser. run runs the load (nil: the default Runner). It
// returns the dialog's thumbnail.
func ShowImagePreview(win fyne.Window, src ThumbnailSource, run *Runner, imageURL, details string) *Thumbnail {
	big := NewThumbnail(src, PreviewSize)
	big.Runner = run
	big.Contain = true
	link := widget.NewLabel(imageURL)
	link.Truncation = fyne.TextTruncateEllipsis
	link.Selectable = true
	info := NewCaption(details, theme.SizeNameCaptionText)
	info.Hidden = details == ""
	state := widget.NewLabel("")
	state.Wrapping = fyne.TextWrapWord
	state.Hide()
	big.OnStateChanged = func(s ThumbState) { showPreviewState(state, s, big.Err()) }
	open := widget.NewButtonWithIcon("Open in browser", theme.ComputerIcon(), func() {
		if u, err := url.Parse(imageURL); err == nil {
			_ = fyne.CurrentApp().OpenURL(u)
		}
	})
	content := container.NewVBox(container.NewCenter(big), state, link, info, container.NewHBox(open))
	d := dialog.NewCustom("Image", "Close", content, win)
	d.SetOnClosed(big.Stop)
	d.Resize(fyne.NewSize(PreviewSize.Width+8*theme.Padding(), d.MinSize().Height))
	big.SetURL(imageURL)
	DialogKeys(d, win.Canvas(), d.Hide)
	d.Show()
	return big
}

// showPreviewState explains a preview without an image.
func showPreviewState(l *widget.Label, s ThumbState, err error) {
	switch s {
	case ThumbPending:
		l.Importance = widget.MediumImportance
		l.SetText("Not fetched yet: Articles › Fetch images… stores it in the archive.")
	case ThumbFailed:
		l.Importance = widget.DangerImportance
		msg := "The image could not be fetched."
		if err != nil && !errors.Is(err, ErrPending) {
			msg = capitalizeFirst(err.Error()) + "."
		}
		l.SetText(msg)
	default:
		l.Hide()
		return
	}
	l.Show()
}

func capitalizeFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
