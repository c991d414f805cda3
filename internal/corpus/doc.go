// Package corpus generates deterministic corpora of realistic seed files for
// tests and benchmarks. It is a Go port of the team's gen_seeds.py: the same
// shapes (fields, quoting, blank lines, topics, related articles with
// images, about 30% of files with a Markdown body), though not the same bytes.
package corpus
