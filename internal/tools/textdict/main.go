// Command textdict writes storage/textdict.zdict, the zstd dictionary the
// archive compresses texts with: trained on articles of the project's own
// corpus generator (internal/corpus), so it holds the shape every seed file
// shares (the front-matter keys, quoting, URL and provider forms) rather
// than any one archive's words.
//
//	go run ./internal/tools/textdict storage/textdict.zdict
package main

import (
	"fmt"
	"os"

	"github.com/klauspost/compress/dict"
	"github.com/klauspost/compress/zstd"

	"github.com/seedarchive/seedarchive/internal/corpus"
)

// dictID is the dictionary's zstd ID (stored in every frame's header, so a
// later dictionary with another ID can be added beside it).
const dictID = 0x5eed0001

// samples is how many articles train the dictionary.
const samples = 4000

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: textdict OUT")
		os.Exit(2)
	}
	rng := corpus.New(7) // a seed no test or benchmark corpus uses
	var in [][]byte
	for n := range samples {
		_, text := corpus.Article(rng, n)
		in = append(in, text)
	}
	d, err := dict.BuildZstdDict(in, dict.Options{
		MaxDictSize: 32 << 10,
		HashBytes:   6,
		ZstdDictID:  dictID,
		ZstdLevel:   zstd.SpeedDefault,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "textdict:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(os.Args[1], d, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "textdict:", err)
		os.Exit(1)
	}
}
