package corpus

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// BodyRatio is the share of generated files that have a Markdown body.
const BodyRatio = 0.3

var words = strings.Fields(`study brain neural network model data research climate ocean cell gene
protein cancer vaccine virus patient therapy drug trial market energy solar battery
quantum physics particle galaxy star planet robot vision language learning memory
sleep diet heart blood immune bacteria soil forest river city traffic policy court
election economy inflation bank startup chip memory storage network security privacy
artificial biological human mouse children adults women men health risk new first
global local early late high low fast slow deep open hidden rare common`)

// Topics is the list topics are drawn from.
var Topics = func() []string {
	t := []string{
		"AI", "Machine Learning", "Neuroscience", "Health", "Medicine", "Cancer",
		"Climate", "Energy", "Space", "Physics", "Biology", "Genetics", "Robotics",
		"Economy", "Politics", "Security", "Privacy", "Education", "Psychology",
		"Nutrition", "Sleep", "Vaccines", "Quantum Computing", "Semiconductors",
		"Oceans", "Wildlife", "Agriculture", "Transport", "Cities", "Law",
	}
	for i := range 170 {
		t = append(t, fmt.Sprintf("Topic %03d", i))
	}
	return t
}()

type provider struct{ name, domain string }

var providers = func() []provider {
	var p []provider
	for i := range 300 {
		p = append(p, provider{fmt.Sprintf("Provider %03d", i), fmt.Sprintf("provider%03d.example.com", i)})
	}
	return append(p, provider{"Medical Xpress", "medicalxpress.com"}, provider{"Phys.org", "phys.org"},
		provider{"Mirage News", "miragenews.com"}, provider{"Tech Xplore", "techxplore.com"})
}()

var (
	categories = []string{"news", "news", "news", "news", "news", "news", "news", "news", "blog", "research", "press-release"}
	types      = []string{"article", "article", "article", "article", "article", "article", "article", "article", "article", "video", "podcast"}
	syllables  = strings.Fields("ba be bi bo bu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu za ze zi zo zu")
)

var (
	vocabOnce sync.Once
	vocab     []string
	cumWeight []float64
)

// vocabulary builds the real words plus 20,000 made-up ones, weighted 1/rank
// (Zipf) so that a full-text term can be rare or common, as in real text.
func vocabulary() {
	rng := rand.New(rand.NewPCG(0, 0))
	made := make(map[string]bool, 20000)
	for len(made) < 20000 {
		var b strings.Builder
		for range 2 + rng.IntN(3) {
			b.WriteString(syllables[rng.IntN(len(syllables))])
		}
		made[b.String()] = true
	}
	extra := make([]string, 0, len(made))
	for w := range made {
		extra = append(extra, w)
	}
	sort.Strings(extra)
	vocab = append(append([]string{}, words...), extra...)
	cumWeight = make([]float64, len(vocab))
	total := 0.0
	for i := range vocab {
		total += 1 / float64(i+1)
		cumWeight[i] = total
	}
}

func between(rng *rand.Rand, lo, hi int) int { return lo + rng.IntN(hi-lo+1) }

func sentence(rng *rand.Rand, lo, hi int) string {
	vocabOnce.Do(vocabulary)
	n := between(rng, lo, hi)
	out := make([]string, n)
	total := cumWeight[len(cumWeight)-1]
	for i := range out {
		out[i] = vocab[sort.SearchFloat64s(cumWeight, rng.Float64()*total)]
	}
	s := strings.Join(out, " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

func stamp(rng *rand.Rand) string {
	return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:00Z", between(rng, 2015, 2026), between(rng, 1, 12),
		between(rng, 1, 28), between(rng, 0, 23), between(rng, 0, 59))
}

func slug(text string) string {
	f := strings.Fields(strings.ToLower(text))
	if len(f) > 8 {
		f = f[:8]
	}
	return strings.Join(f, "-")
}

func quoted(text string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(text) + `"`
}

func pick[T any](rng *rand.Rand, s []T) T { return s[rng.IntN(len(s))] }

// Article returns the n-th article of a corpus drawn from rng: its file name
// relative to the corpus root ("000/012_<16 hex>.txt", as gen_seeds.py names
// it: the first 16 hex digits of the SHA-256 of its web URL) and its text.
func Article(rng *rand.Rand, n int) (name string, text []byte) {
	title := sentence(rng, 5, 14)
	excerpt := sentence(rng, 30, 60) + " ..."
	p := pick(rng, providers)
	url := fmt.Sprintf("https://%s/news/%s-%d.html", p.domain, slug(title), n)
	lines := []string{
		"---",
		"category: " + pick(rng, categories),
		"title: " + quoted(title),
		"excerpt: " + quoted(excerpt),
		"publishedDateTime: " + stamp(rng),
		"webUrl: " + quoted(url),
	}
	if rng.Float64() < 0.8 {
		amp := strings.TrimSuffix(url, ".html") + ".amp"
		lines = append(lines, "ampWebUrl: "+quoted(amp),
			"cdnAmpWebUrl: "+quoted(fmt.Sprintf("https://%s.cdn.example.org/c/s/%s", strings.ReplaceAll(p.domain, ".", "-"), amp[8:])))
	}
	lines = append(lines,
		"type: "+pick(rng, types),
		fmt.Sprintf("quality: %d", rng.IntN(101)),
		fmt.Sprintf("heat: %d", rng.IntN(101)),
		"published: "+pick(rng, []string{"true", "false"}),
		"",
		"provider:",
		"  name: "+p.name,
		"  domain: "+p.domain,
		"",
		"topics:",
	)
	for _, i := range rng.Perm(len(Topics))[:between(rng, 1, 5)] {
		lines = append(lines, "  - "+Topics[i])
	}
	nrel := pick(rng, []int{0, 1, 1, 1, 2, 3})
	if nrel > 0 {
		lines = append(lines, "", "related:")
	}
	for range nrel {
		rtitle := sentence(rng, 5, 12)
		rp := pick(rng, providers)
		lines = append(lines,
			"  - title: "+quoted(rtitle),
			"    excerpt: "+quoted(sentence(rng, 20, 40)+" ..."),
			"    publishedDateTime: "+stamp(rng),
			"    webUrl: "+quoted(fmt.Sprintf("https://%s/%s/", rp.domain, slug(rtitle))),
			"    type: article",
			"    provider:",
			"      name: "+rp.name,
			"      domain: "+rp.domain,
			fmt.Sprintf("    quality: %d", rng.IntN(101)),
		)
		nimg := rng.IntN(3)
		if nimg > 0 {
			lines = append(lines, "    images:")
		}
		for i := range nimg {
			lines = append(lines,
				"      - url: "+quoted(fmt.Sprintf("https://cdn.%s/img/%d-%d.jpg", rp.domain, n, i)),
				fmt.Sprintf("        width: %d", pick(rng, []int{320, 400, 640, 800, 1200})),
				fmt.Sprintf("        height: %d", pick(rng, []int{240, 300, 452, 480, 675})),
			)
		}
	}
	sum := sha256.Sum256([]byte(url))
	blob := base64.StdEncoding.EncodeToString([]byte(strings.Repeat(string(sum[:]), 10)))
	iv := make([]byte, 16)
	for i := range iv {
		iv[i] = byte(rng.IntN(256))
	}
	lines = append(lines, "", "secured: "+quoted(blob+";"+base64.StdEncoding.EncodeToString(iv)), "---", "")
	body := ""
	if rng.Float64() < BodyRatio {
		paras := make([]string, between(rng, 1, 8))
		for i := range paras {
			paras[i] = sentence(rng, 20, 80) + "."
		}
		body = strings.Join(paras, "\n\n") + "\n"
	}
	name = fmt.Sprintf("%03d/%03d_%s.txt", n/1000, n%1000, hex.EncodeToString(sum[:])[:16])
	return name, []byte(strings.Join(lines, "\n") + "\n" + body)
}

// New returns the random source Write uses for a seed, so that callers can
// generate the same articles in memory with Article.
func New(seed int64) *rand.Rand { return rand.New(rand.NewPCG(uint64(seed), 0x5eed)) }

// Write writes count articles generated from seed into dir, as
// dir/000/000_<hex>.txt, dir/000/001_<hex>.txt, ... dir/001/000_<hex>.txt:
// the same layout gen_seeds.py writes. Same arguments, same bytes.
func Write(dir string, count int, seed int64) error {
	rng := New(seed)
	for n := range count {
		name, text := Article(rng, n)
		path := filepath.Join(dir, filepath.FromSlash(name))
		if n%1000 == 0 {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return fmt.Errorf("corpus: %w", err)
			}
		}
		if err := os.WriteFile(path, text, 0o644); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
	}
	return nil
}
