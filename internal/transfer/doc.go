// Package transfer imports seed files into an archive and exports articles
// back out. It is the one implementation behind both seedctl and the GUI.
//
// Import reads files, folders (recursively: *.txt, *.md, *.markdown and *.mdx) and .zip
// archives, parses them in parallel and stores them in batches, one write
// transaction per batch, in deterministic input order. Each batch is all or
// nothing, so an import stopped at any point leaves a consistent archive and
// running it again finishes the job (what was stored shows as identical).
//
// Export writes the stored text of articles byte for byte to a folder or a
// .zip (with a manifest.json), naming files by their original names or by a
// name template, never overwriting without Force. It stages everything
// before moving it into place, so a failed export changes nothing.
//
// Both report through summary structs (ImportSummary, ExportSummary) that the
// CLI and the GUI print, a throttled Progress callback and a per-file
// callback, all called on the goroutine that called Import or Export.
package transfer
