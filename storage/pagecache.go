package storage

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// writerCacheKiB is the page cache of the archive's writer connection
// (dsn), in KiB.
const writerCacheKiB = 65536

// pageHeaderRoom is what a slot of BulkPageCache's buffer holds beside a
// page: SQLite's header for it, with room to spare (a page whose header
// does not fit is allocated alone).
const pageHeaderRoom = 512

// setBulkPageCache gives SQLite a page cache buffer for pages of pageSize.
func setBulkPageCache(pageSize int) error {
	tls := libc.NewTLS()
	defer tls.Close()
	// As many slots as fit, with the allocator's header, in the power of
	// two it maps for the writer's cache.
	slot := pageSize + pageHeaderRoom
	n := (writerCacheKiB<<10 - 1<<10) / slot
	args := libc.Xmalloc(tls, 3*8)
	if args == 0 {
		return errors.New("out of memory")
	}
	defer libc.Xfree(tls, args)
	buf := libc.Xmalloc(tls, libc.Tsize_t(n*slot))
	if buf == 0 {
		return errors.New("out of memory")
	}
	rc := sqlite3.Xsqlite3_config(tls, sqlite3.SQLITE_CONFIG_PAGECACHE,
		libc.VaList(args, buf, int32(slot), int32(n)))
	if rc != sqlite3.SQLITE_OK {
		libc.Xfree(tls, buf)
		return fmt.Errorf("sqlite3_config: code %d (called after an archive was opened?)", rc)
	}
	return nil // buf is SQLite's for the rest of the process
}

var bulkPageCacheOnce sync.Once

// BulkPageCache gives SQLite, for every connection the process opens from
// now on, one buffer of page slots as large as the writer's cache
// (writerCacheKiB), sized for the pages of the archive at path (or of a
// new archive): SQLite otherwise allocates the pages one by one, and the C
// allocator gives each (the archive's page and SQLite's header for it) a
// slot of the next power of two, so that a full cache took more than twice
// its cache_size of memory. A link or an import fills the writer's cache.
// The buffer's slots are listed when SQLite starts, which touches a
// memory page of each, so a short command that reads little is better
// without it: seedctl calls it for import and link only. It must be
// called before the process opens any archive; after, it fails and
// changes nothing (TestBulkPageCache).
func BulkPageCache(path string) error {
	err := errors.New("called twice")
	bulkPageCacheOnce.Do(func() { err = setBulkPageCache(filePageSize(path)) })
	if err != nil {
		return fmt.Errorf("storage: bulk page cache: %w", err)
	}
	return nil
}

// filePageSize is the page size in the header of the SQLite file at path,
// or newPageSize when there is none.
func filePageSize(path string) int {
	f, err := os.Open(path)
	if err != nil {
		return newPageSize
	}
	defer f.Close()
	var h [18]byte
	if _, err := io.ReadFull(f, h[:]); err != nil || !bytes.HasPrefix(h[:], sqliteHeader) {
		return newPageSize
	}
	if n := headerPageSize(h[:]); n != 0 {
		return n
	}
	return newPageSize
}
