package assets

import (
	"bytes"
	"image/png"
	"io/fs"
	"strings"
	"testing"
)

func TestIconIsPNG(t *testing.T) {
	cfg, err := png.DecodeConfig(bytes.NewReader(IconPNG))
	if err != nil {
		t.Fatalf("icon: %v", err)
	}
	if cfg.Width != 512 || cfg.Height != 512 {
		t.Fatalf("icon is %dx%d, want 512x512", cfg.Width, cfg.Height)
	}
}

func TestSamples(t *testing.T) {
	entries, err := fs.ReadDir(Samples, ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 30 {
		t.Fatalf("%d samples, want a few dozen", len(entries))
	}
	var crlf, bom bool
	for _, e := range entries {
		data, err := fs.ReadFile(Samples, e.Name())
		if err != nil {
			t.Fatal(err)
		}
		crlf = crlf || bytes.Contains(data, []byte("\r\n"))
		bom = bom || bytes.HasPrefix(data, []byte("\xef\xbb\xbf"))
		if !strings.HasSuffix(e.Name(), ".txt") {
			t.Errorf("%s: not a .txt seed", e.Name())
		}
	}
	if !crlf || !bom {
		t.Errorf("samples should include a CRLF file (%v) and a BOM file (%v)", crlf, bom)
	}
}

func TestSampleImages(t *testing.T) {
	names, err := fs.Glob(SampleImages, "*.jpg")
	if err != nil || len(names) < 20 {
		t.Fatalf("%d sample images (%v), want one per referenced URL", len(names), err)
	}
}
