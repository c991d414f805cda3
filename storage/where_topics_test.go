package storage

import (
	"slices"
	"strings"
	"testing"
)

// TestMergedTopicTerms checks that ORed topics and negated topics, which
// compile to one subquery on the topic index, select what one term per
// topic selects: each query against the same query with its topic terms
// kept apart (a topic term inside a group of its own is not merged).
func TestMergedTopicTerms(t *testing.T) {
	a := openTest(t)
	ids := insert(t, a,
		seed{title: "AI only", topics: []string{"AI"}},
		seed{title: "Health only", topics: []string{"Health"}},
		seed{title: "Both", topics: []string{"AI", "Health"}},
		seed{title: "Space", topics: []string{"Space"}},
		seed{title: "No topics"},
	)
	tests := []struct {
		merged, apart string
		want          []int64
	}{
		{"topic:ai OR topic:HEALTH", "(topic:ai has:topics) OR (topic:HEALTH has:topics)", []int64{ids[0], ids[1], ids[2]}},
		{"topic:AI OR topic:Health OR space", "(topic:AI has:topics) OR (topic:Health has:topics) OR space", []int64{ids[0], ids[1], ids[2], ids[3]}},
		{"-topic:ai -topic:health", "-(topic:ai has:topics) -(topic:health has:topics)", []int64{ids[3], ids[4]}},
		{"-topic:AI -topic:Health only", "-(topic:AI has:topics) -(topic:Health has:topics) only", nil},
		{"-topic:Space -topic:AI title", "-(topic:Space has:topics) -(topic:AI has:topics) title", nil},
		{"(topic:AI OR topic:Space) -topic:Health", "((topic:AI has:topics) OR (topic:Space has:topics)) -(topic:Health has:topics)", []int64{ids[0], ids[3]}},
	}
	for _, tt := range tests {
		got, err := a.IDs(ctx, ListOptions{Query: tt.merged})
		if err != nil {
			t.Fatalf("%s: %v", tt.merged, err)
		}
		apart, err := a.IDs(ctx, ListOptions{Query: tt.apart})
		if err != nil {
			t.Fatalf("%s: %v", tt.apart, err)
		}
		if !slices.Equal(got, apart) {
			t.Errorf("%s = %v; %s = %v", tt.merged, got, tt.apart, apart)
		}
		if tt.want != nil && !slices.Equal(got, tt.want) {
			t.Errorf("%s = %v, want %v", tt.merged, got, tt.want)
		}
	}
	where, _, err := compileWhere("-topic:a -topic:b -topic:c", nil)
	if err != nil || strings.Count(where, "article_topic") != 1 {
		t.Errorf("three negated topics compile to %q, %v; want one subquery", where, err)
	}
}
