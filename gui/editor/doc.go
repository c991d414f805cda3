// Package editor is the article editor pane of Seed Archive's window.
//
// An Editor shows one stored article as a scrollable form with a typed
// widget per known field (validated inline), topics as chips, the related
// articles as editable cards, the unknown fields as YAML, the Markdown body
// with a preview, and a Changes tab diffing what export would write against
// the file as imported. Edits are spliced into a working copy of the loaded
// text with seedfile's Set, so only the edited lines change; they can be
// undone and redone across fields, reverted, and saved to the archive off
// the UI goroutine.
package editor
