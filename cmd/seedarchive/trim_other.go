//go:build !linux || !cgo

package main

// trimHeap is a no-op here: the trim is glibc's.
func trimHeap() bool { return false }

func fragmentHeap(n, size int) (release func()) { return func() {} }
