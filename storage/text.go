package storage

import (
	"bytes"
	_ "embed" // textdict.zdict
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// textDict is the zstd dictionary texts are compressed with, written by
// `go run ./internal/tools/textdict storage/textdict.zdict`. Every frame
// names its dictionary's ID, so a later dictionary can be added beside it
// without rewriting the stored texts.
//
//go:embed textdict.zdict
var textDict []byte

// zstdMagic starts every zstd frame; article_text holds nothing else.
var zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}

// textCodec is the shared encoder and decoder: both are safe for concurrent
// use (EncodeAll and DecodeAll), so import workers compress in parallel.
var textCodec = sync.OnceValues(func() (*zstd.Encoder, *zstd.Decoder) {
	// The fastest level: with the dictionary the better levels save a few
	// per cent of the texts for several times the CPU, and compressing runs
	// on the import's parsing workers (BenchmarkImport guards the cost).
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderDict(textDict),
		zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(runtime.GOMAXPROCS(0)),
		zstd.WithLowerEncoderMem(true), zstd.WithEncoderCRC(true))
	if err != nil {
		panic(fmt.Sprintf("storage: text encoder: %v", err)) // the embedded dictionary is part of the program
	}
	dec, err := zstd.NewReader(nil, zstd.WithDecoderDicts(textDict),
		zstd.WithDecoderConcurrency(runtime.GOMAXPROCS(0)), zstd.WithDecoderMaxMemory(maxTextBytes))
	if err != nil {
		panic(fmt.Sprintf("storage: text decoder: %v", err))
	}
	return enc, dec
})

// maxTextBytes bounds a decompressed text, far above any seed file an
// import accepts, so a damaged frame cannot claim gigabytes.
const maxTextBytes = 256 << 20

// errBadText reports a stored text that is not a readable zstd frame.
var errBadText = errors.New("stored text is damaged (not a readable zstd frame)")

// putText is the stored form of a text (article_text.original and
// .current): a zstd frame with the text dictionary. nil stays nil (an
// unedited article's current).
func putText(text []byte) []byte {
	if text == nil {
		return nil
	}
	enc, _ := textCodec()
	return enc.EncodeAll(text, make([]byte, 0, len(text)/2+64))
}

// loadText is the text stored as b by putText; nil stays nil.
func loadText(b []byte) ([]byte, error) {
	if b == nil {
		return nil, nil
	}
	if !bytes.HasPrefix(b, zstdMagic) {
		return nil, errBadText
	}
	_, dec := textCodec()
	text, err := dec.DecodeAll(b, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errBadText, err)
	}
	if text == nil {
		text = []byte{} // an empty text is not a missing one
	}
	return text, nil
}
