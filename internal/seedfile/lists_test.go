package seedfile

import (
	"testing"
)

const topicsSrc = "---\ntitle: \"t\"\n\ntopics:\n  - AI\n  - Machine Learning # ML\n  - Space\n\nsecured: \"s\"\n---\n"

func topicsWith(items string) string {
	return "---\ntitle: \"t\"\n\ntopics:\n" + items + "\nsecured: \"s\"\n---\n"
}

var listEdits = []editCase{
	{"add at end", topicsSrc, topicsWith("  - AI\n  - Machine Learning # ML\n  - Space\n  - Health\n"), set("topics", []string{"AI", "Machine Learning", "Space", "Health"})},
	{"add at start", topicsSrc, topicsWith("  - Health\n  - AI\n  - Machine Learning # ML\n  - Space\n"), set("topics", []string{"Health", "AI", "Machine Learning", "Space"})},
	{"add in middle", topicsSrc, topicsWith("  - AI\n  - Health\n  - Machine Learning # ML\n  - Space\n"), set("topics", []string{"AI", "Health", "Machine Learning", "Space"})},
	{"remove middle", topicsSrc, topicsWith("  - AI\n  - Space\n"), set("topics", []string{"AI", "Space"})},
	{"remove first and last", topicsSrc, topicsWith("  - Machine Learning # ML\n"), set("topics", []string{"Machine Learning"})},
	{"replace one", topicsSrc, topicsWith("  - AI\n  - Deep Learning\n  - Space\n"), set("topics", []string{"AI", "Deep Learning", "Space"})},
	{"replace all", topicsSrc, topicsWith("  - X\n  - Z\n"), set("topics", []string{"X", "Z"})},
	{"move", topicsSrc, topicsWith("  - Machine Learning # ML\n  - Space\n  - AI\n"), set("topics", []string{"Machine Learning", "Space", "AI"})},
	{"unchanged", topicsSrc, topicsSrc, set("topics", []string{"AI", "Machine Learning", "Space"})},
	{"quoting where needed", topicsSrc, topicsWith("  - AI\n  - Machine Learning # ML\n  - Space\n  - \"true\"\n  - \"a: b\"\n"), set("topics", []string{"AI", "Machine Learning", "Space", "true", "a: b"})},
	{"empty deletes", topicsSrc, "---\ntitle: \"t\"\n\nsecured: \"s\"\n---\n", set("topics", []string{})},
	{"missing gets seed style", "---\ntitle: \"t\"\n\nsecured: \"s\"\n---\n", "---\ntitle: \"t\"\n\ntopics:\n  - A\n  - B\n\nsecured: \"s\"\n---\n", set("topics", []string{"A", "B"})},
	{"double-quoted list style", "---\ntopics:\n    - \"a\"\n    - \"b\"\n---\n", "---\ntopics:\n    - \"a\"\n    - \"c\"\n---\n", set("topics", []string{"a", "c"})},
	{"compact list", "---\ntopics:\n- a\n- b\ntitle: x\n---\n", "---\ntopics:\n- a\n- b\n- c\ntitle: x\n---\n", set("topics", []string{"a", "b", "c"})},
	{"comment between items kept", "---\ntopics:\n  - a\n  # note\n  - b\n---\n", "---\ntopics:\n  - a\n  # note\n  - c\n---\n", set("topics", []string{"a", "c"})},
	{"flow list rewritten", "---\ntopics: [AI, \"Machine Learning\"] # t\ntitle: x\n---\n", "---\ntopics: [AI, Space, \"a, b\"] # t\ntitle: x\n---\n", set("topics", []string{"AI", "Space", "a, b"})},
	{"scalar becomes list", "---\ntopics: AI\ntitle: x\n---\n", "---\ntopics:\n  - AI\n  - Space\ntitle: x\n---\n", set("topics", []string{"AI", "Space"})},
	{"null becomes list", "---\ntopics:\ntitle: x\n---\n", "---\ntopics:\n  - AI\ntitle: x\n---\n", set("topics", []string{"AI"})},
}

func TestSetLists(t *testing.T) { runEditCases(t, listEdits) }

// relatedOf returns the related list of seedLike with a change applied.
func relatedOf(change func([]Related) []Related) []Related {
	d, _ := Parse([]byte(seedLike))
	return change(d.Article().Related)
}

var relatedEdits = []editCase{
	{"one field", seedLike, seedWith("    quality: 39\n", "    quality: 5\n"),
		set("related", relatedOf(func(r []Related) []Related { r[0].Quality = 5; return r }))},
	{"two fields", seedLike, seedWith("    excerpt: \"Its excerpt\"\n    type: article\n", "    excerpt: \"New excerpt\"\n    type: video\n"),
		set("related", relatedOf(func(r []Related) []Related { r[0].Excerpt = "New excerpt"; r[0].Type = "video"; return r }))},
	{"field cleared", seedLike, seedWith("    type: article\n", ""),
		set("related", relatedOf(func(r []Related) []Related { r[0].Type = ""; return r }))},
	{"field added", seedLike, seedWith("    excerpt: \"Its excerpt\"\n", "    excerpt: \"Its excerpt\"\n    webUrl: \"https://r.example/\"\n"),
		set("related", relatedOf(func(r []Related) []Related { r[0].WebURL = "https://r.example/"; return r }))},
	{"provider name", seedLike, seedWith("      name: Mirage News\n", "      name: Phys.org\n"),
		set("related", relatedOf(func(r []Related) []Related { r[0].Provider.Name = "Phys.org"; return r }))},
	{"image width", seedLike, seedWith("        width: 400\n", "        width: 800\n"),
		set("related", relatedOf(func(r []Related) []Related { r[0].Images[0].Width = 800; return r }))},
	{"image added", seedLike, seedWith("        height: 452\n", "        height: 452\n      - url: \"https://img.example/2.jpg\"\n        width: 1\n        height: 2\n"),
		set("related", relatedOf(func(r []Related) []Related {
			r[0].Images = append(r[0].Images, Image{"https://img.example/2.jpg", 1, 2})
			return r
		}))},
	{"images removed", seedLike, seedWith("    images:\n      - url: \"https://img.example/1.jpg\"\n        width: 400\n        height: 452\n", ""),
		set("related", relatedOf(func(r []Related) []Related { r[0].Images = nil; return r }))},
	{"item appended in seed style", seedLike, seedWith("        height: 452\n", "        height: 452\n"+
		"  - title: \"Two\"\n    publishedDateTime: 2021-01-01T00:00:00Z\n    webUrl: \"https://two.example/\"\n    type: article\n"+
		"    provider:\n      name: Two News\n      domain: two.example\n    quality: 7\n"+
		"    images:\n      - url: \"https://two.example/i.jpg\"\n        width: 320\n        height: 240\n"),
		set("related", relatedOf(func(r []Related) []Related {
			return append(r, Related{Title: "Two", PublishedDateTime: "2021-01-01T00:00:00Z", WebURL: "https://two.example/",
				Type: "article", Provider: Provider{"Two News", "two.example"}, Quality: 7,
				Images: []Image{{"https://two.example/i.jpg", 320, 240}}})
		}))},
	{"surplus item removed", seedWith("        height: 452\n", "        height: 452\n  - title: \"Two\"\n    quality: 7\n"), seedLike,
		set("related", relatedOf(func(r []Related) []Related { return r }))},
	{"first of two removed", seedWith("  - title: \"Related one\"", "  - title: \"Zero\"\n    quality: 1\n  - title: \"Related one\""), seedLike,
		set("related", relatedOf(func(r []Related) []Related { return r }))},
	{"all removed", seedLike, seedWith("\nrelated:\n  - title: \"Related one\"\n    excerpt: \"Its excerpt\"\n    type: article\n    provider:\n      name: Mirage News\n      domain: miragenews.com\n    quality: 39\n    images:\n      - url: \"https://img.example/1.jpg\"\n        width: 400\n        height: 452\n", ""),
		set("related", []Related{})},
	{"related created", "---\ntitle: \"t\"\n\ntopics:\n  - A\n---\n", "---\ntitle: \"t\"\n\ntopics:\n  - A\n\nrelated:\n  - title: \"R\"\n    quality: 0\n---\n",
		set("related", []Related{{Title: "R"}})},
	{"images path", seedLike, seedWith("        height: 452\n", "        height: 453\n"), set("related.0.images", []Image{{"https://img.example/1.jpg", 400, 453}})},
	{"provider value", seedLike, seedWith("  domain: medicalxpress.com\n", "  domain: mx.example\n"), set("provider", Provider{"Medical Xpress", "mx.example"})},
	{"provider in related created", "---\nrelated:\n  - title: \"R\"\n    quality: 1\n---\n", "---\nrelated:\n  - title: \"R\"\n    provider:\n      name: Nn\n    quality: 1\n---\n", set("related.0.provider", Provider{Name: "Nn"})},
}

func TestSetRelated(t *testing.T) { runEditCases(t, relatedEdits) }

// TestRelatedRemovalOrder checks which item a shorter list keeps: items are
// matched by index, so removing the first item rewrites the fields of the
// rest (documented behaviour) while the text stays valid and reads back.
func TestRelatedSetReadsBack(t *testing.T) {
	d, _ := Parse([]byte(seedLike))
	want := []Related{{Title: "A", Quality: 1}, {Title: "B", Excerpt: "e", Provider: Provider{"p", "p.example"}, Quality: 2,
		Images: []Image{{"https://i/1", 1, 1}, {"https://i/2", 2, 2}}}}
	if err := d.Set("related", want); err != nil {
		t.Fatal(err)
	}
	got := d.Article().Related
	if len(got) != 2 || !equalRelated(got[0], want[0]) || !equalRelated(got[1], want[1]) {
		t.Fatalf("got %+v", got)
	}
}
