// Package table holds the article table's building blocks that know nothing
// of the window: a label cut to its width with an ellipsis (CutLabel) and
// the text measuring behind it, a scroll bar that maps rows rather than
// pixels (ScrollBar), the tip that shows a cut cell's whole text
// (HoverTip), and the index from an article id to its row in a listed
// result (IDIndex). Package gui uses them through this exported API only.
package table
