//go:build linux && cgo

package main

/*
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>

typedef int (*trim_fn)(size_t);

// trim_heap calls glibc's malloc_trim(0), looked up at run time so that a
// C library without it (musl) only makes this a no-op; -1 then.
static int trim_heap(void) {
	static trim_fn fn;
	static int looked;
	if (!looked) {
		fn = (trim_fn)dlsym(RTLD_DEFAULT, "malloc_trim");
		looked = 1;
	}
	return fn ? fn(0) : -1;
}

// spread and unspread fragment the C heap the way freed textures do, for
// the test: n blocks of size bytes, all freed but the last, which keeps the
// heap from shrinking at its top.
static void **spread(int n, size_t size) {
	void **p = malloc(n * sizeof(void *));
	for (int i = 0; i < n; i++) {
		p[i] = malloc(size);
		for (size_t j = 0; j < size; j += 512) ((char *)p[i])[j] = 1;
	}
	for (int i = 0; i < n - 1; i++) free(p[i]);
	return p;
}

static void unspread(void **p, int n) {
	free(p[n - 1]);
	free(p);
}
*/
import "C"

// trimHeap hands the C heap's free pages back to the system and reports
// whether it could (glibc's malloc_trim). Mesa and X allocate with malloc;
// when Fyne frees a texture the memory stays with the process until the
// heap's top is free, which it rarely is.
func trimHeap() bool { return C.trim_heap() >= 0 }

// fragmentHeap leaves n×size bytes of freed C memory that only a trim hands
// back, and returns the func that frees the rest (tests only).
func fragmentHeap(n, size int) (release func()) {
	p := C.spread(C.int(n), C.size_t(size))
	return func() { C.unspread(p, C.int(n)) }
}
