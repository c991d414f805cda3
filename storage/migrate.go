package storage

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one schema step: the SQL of migrations/NNNN_name.sql, which
// brings the database to user_version NNNN.
type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads the embedded migrations in version order. Versions
// must be unique; gaps are allowed.
func loadMigrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var out []migration
	seen := map[int]string{}
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must be NNNN_description.sql", name)
		}
		if other, dup := seen[v]; dup {
			return nil, fmt.Errorf("migrations %s and %s have the same version", other, name)
		}
		seen[v] = name
		b, err := migrationFiles.ReadFile("migrations/" + name)
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", name, err)
		}
		out = append(out, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// SchemaVersion is the schema version this program writes (the highest
// embedded migration).
func SchemaVersion() int {
	ms, err := loadMigrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// newPageSize is the page size of a new archive. A page leaves unused the
// tail that no further row fits in, so pages many times an article row
// and its compressed text waste a smaller share of the two largest
// tables. BenchmarkImport's archive/corpus guards it, BenchmarkListWhere
// (cmd/seedctl) the reads.
const newPageSize = 8192

// migrate applies the pending migrations in order, each in its own immediate
// transaction that also sets PRAGMA user_version, so a crash or a second
// process opening the same file at the same time never applies one twice.
func (a *Archive) migrate(ctx context.Context) error {
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	latest := 0
	if len(ms) > 0 {
		latest = ms[len(ms)-1].version
	}
	var current int
	if err := a.wdb.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if current > latest {
		return &OpenError{Path: a.path, Err: ErrNewerSchema,
			Detail: fmt.Sprintf("schema version %d; this version reads up to %d", current, latest)}
	}
	if current > 0 && current < latest {
		if err := a.backupBeforeMigration(ctx, current); err != nil {
			return err
		}
	}
	if current == 0 {
		if err := a.newFileSettings(ctx); err != nil {
			return err
		}
	}
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		if err := a.applyMigration(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// foreignKeysOff are the migrations run with foreign keys off on the write
// connection, as SQLite's way to change a table's shape by rebuilding it
// requires (the old table's rows are dropped without cascading); their Go
// step checks the keys before the commit.
var foreignKeysOff = map[int]bool{}

func (a *Archive) applyMigration(ctx context.Context, m migration) (err error) {
	if foreignKeysOff[m.version] {
		// The write pool has one connection, so the transaction below
		// runs on the connection this turns the keys off on; a pragma
		// inside a transaction would do nothing.
		if _, err := a.wdb.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		defer func() {
			if _, onErr := a.wdb.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON"); onErr != nil && err == nil {
				err = fmt.Errorf("migration %s: foreign keys back on: %w", m.name, onErr)
			}
		}()
	}
	tx, err := a.wdb.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	defer tx.Rollback()
	var current int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if current >= m.version {
		return nil // another process applied it meanwhile
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if fix := fixups[m.version]; fix != nil {
		if err := fix(ctx, tx); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	return nil
}

// newFileSettings makes a new archive incremental auto-vacuum, so that the
// pages a bulk import frees (indexes rebuilt, full-text segments merged) go
// back to the file system at its end (Bulk.Finish), with pages of
// newPageSize. The write pool's DSN sets both before WAL, so this only
// checks them; for a file another program created empty in WAL mode it
// converts it (leaving WAL and a VACUUM, instant while it holds no table)
// and, when that is refused because another connection has the file open,
// keeps the page size and sets auto-vacuum with a VACUUM, which WAL allows.
func (a *Archive) newFileSettings(ctx context.Context) error {
	var pageSize, autoVacuum int
	if err := a.wdb.QueryRowContext(ctx, "PRAGMA page_size").Scan(&pageSize); err != nil {
		return fmt.Errorf("read page size: %w", err)
	}
	if err := a.wdb.QueryRowContext(ctx, "PRAGMA auto_vacuum").Scan(&autoVacuum); err != nil {
		return fmt.Errorf("read auto_vacuum: %w", err)
	}
	const incremental = 2
	if pageSize == newPageSize && autoVacuum == incremental {
		return nil
	}
	_, err := a.wdb.ExecContext(ctx, fmt.Sprintf(`PRAGMA journal_mode = DELETE; PRAGMA page_size = %d;
		PRAGMA auto_vacuum = INCREMENTAL; VACUUM; PRAGMA journal_mode = WAL`, newPageSize))
	if err == nil {
		return nil
	}
	// Back in WAL whatever the statement above reached, then the setting
	// that needs no exclusive access.
	if _, err := a.wdb.ExecContext(ctx, "PRAGMA journal_mode = WAL; PRAGMA auto_vacuum = INCREMENTAL; VACUUM"); err != nil {
		return fmt.Errorf("set auto_vacuum: %w", err)
	}
	return nil
}
