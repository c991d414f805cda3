package storage

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// The reasons Open refuses a file. Open returns them inside an *OpenError;
// errors.Is finds them.
var (
	// ErrNotArchive: the file is not an SQLite database, or is another
	// program's SQLite database.
	ErrNotArchive = errors.New("not a Seed Archive file")
	// ErrDamaged: the file is an SQLite database that cannot be read.
	ErrDamaged = errors.New("the archive file is damaged")
	// ErrNewerSchema: the archive was written by a newer Seed Archive.
	ErrNewerSchema = errors.New("the archive was written by a newer version of Seed Archive")
)

// OpenError is why Open refused a file, which it left as it was.
type OpenError struct {
	Path   string
	Err    error  // ErrNotArchive, ErrDamaged or ErrNewerSchema
	Detail string // what was found, e.g. "it is not an SQLite database"
}

func (e *OpenError) Error() string {
	return fmt.Sprintf("%s: %v (%s)", e.Path, e.Err, e.Detail)
}

func (e *OpenError) Unwrap() error { return e.Err }

// Sentence says the refusal in words for a person: what the file is, that
// it was not changed, and what to do.
func (e *OpenError) Sentence() string {
	name := e.Path
	switch e.Err {
	case ErrNotArchive:
		return fmt.Sprintf("%q is not a Seed Archive file: %s. It was left as it is; open an archive Seed Archive created, or create a new one.", name, e.Detail)
	case ErrNewerSchema:
		return fmt.Sprintf("%q was written by a newer version of Seed Archive (%s). It was left as it is; open it with that version or a later one.", name, e.Detail)
	}
	return fmt.Sprintf("%q is damaged: %s. It was left as it is; restore it from a backup (seedctl restore, or File › Restore… in the app).", name, e.Detail)
}

// sqliteHeader is how every SQLite database file starts.
var sqliteHeader = []byte("SQLite format 3\x00")

// headerPageSize is the page size an SQLite file's header gives (bytes 16
// and 17, 1 meaning 65,536), 0 when that is no possible page size.
func headerPageSize(header []byte) int {
	n := int(binary.BigEndian.Uint16(header[16:18]))
	if n == 1 {
		n = 65536
	}
	if n < 512 || n&(n-1) != 0 {
		return 0
	}
	return n
}

// SQLite result codes (the low byte of an extended code) for a file that is
// not a database or is corrupt.
const (
	sqliteCorrupt = 11
	sqliteNotADB  = 26
)

// probe checks an existing file before Open writes to it, reading only: it
// must be empty (a new archive), or an SQLite database whose header is
// whole, holding this program's schema or none, at a version this program
// knows. Opening for writing would otherwise change a file that is not an
// archive (switching it to WAL, adding tables) or leave -wal and -shm files
// beside it. A missing file passes: Open creates it.
func probe(path string, latest int) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	refuse := func(reason error, format string, args ...any) error {
		return &OpenError{Path: path, Err: reason, Detail: fmt.Sprintf(format, args...)}
	}
	if !st.Mode().IsRegular() {
		return refuse(ErrNotArchive, "it is not a regular file")
	}
	if st.Size() == 0 {
		return nil // SQLite makes an empty file a new database
	}
	header := make([]byte, 100)
	n, err := io.ReadFull(f, header)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return err
	}
	if n < len(sqliteHeader) || !bytes.Equal(header[:len(sqliteHeader)], sqliteHeader) {
		return refuse(ErrNotArchive, "it is not an SQLite database")
	}
	if n < len(header) {
		return refuse(ErrDamaged, "it ends inside the database header")
	}
	pageSize := int64(headerPageSize(header))
	if pageSize == 0 {
		return refuse(ErrDamaged, "its header gives an impossible page size")
	}
	if st.Size()%pageSize != 0 {
		return refuse(ErrDamaged, "it is truncated: %d bytes is not a whole number of %d-byte pages", st.Size(), pageSize)
	}
	// The header's page count is valid when its version-valid-for number
	// matches the change counter. Pages still in a write-ahead log are not
	// in the file yet, so the count is checked only without one.
	pages := int64(binary.BigEndian.Uint32(header[28:32]))
	if bytes.Equal(header[24:28], header[92:96]) && pages > 0 && !hasData(path+"-wal") && pages*pageSize > st.Size() {
		return refuse(ErrDamaged, "it is truncated: its header counts %d pages, the file holds %d", pages, st.Size()/pageSize)
	}
	return probeSchema(path, latest, refuse)
}

// hasData reports whether the file exists and is not empty.
func hasData(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Size() > 0
}

// probeSchema opens the database read-only (openReadOnly) and checks its
// schema version and tables.
func probeSchema(path string, latest int, refuse func(error, string, ...any) error) error {
	db, err := openReadOnly(path)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return damaged(path, err)
	}
	if version > latest {
		return refuse(ErrNewerSchema, "schema version %d; this version reads up to %d", version, latest)
	}
	var tables, articles int
	err = db.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE name = 'article')
		FROM sqlite_schema WHERE type = 'table'`).Scan(&tables, &articles)
	if err != nil {
		return damaged(path, err)
	}
	switch {
	case version == 0 && tables > 0:
		return refuse(ErrNotArchive, "it is another program's SQLite database")
	case version > 0 && articles == 0:
		return refuse(ErrNotArchive, "it is an SQLite database without the archive's tables")
	}
	return nil
}

// damaged is err as an OpenError when SQLite found the file corrupt or not
// a database, else err itself.
func damaged(path string, err error) error {
	var coded interface{ Code() int }
	if errors.As(err, &coded) {
		if c := coded.Code() & 0xff; c == sqliteCorrupt || c == sqliteNotADB {
			return &OpenError{Path: path, Err: ErrDamaged, Detail: err.Error()}
		}
	}
	return err
}
