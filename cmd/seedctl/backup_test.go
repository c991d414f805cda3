package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/storage"
)

func TestBackupAndRestore(t *testing.T) {
	c := newCLI(t)
	dir, _ := seedDir(t)
	c.must(exitOK, "import", "--quiet", dir)
	dest := filepath.Join(t.TempDir(), "copy.db")
	if out, _ := c.must(exitOK, "backup", dest); out != "backed up "+c.db+" to "+dest+"\n" {
		t.Errorf("backup printed %q", out)
	}
	if _, errOut := c.must(exitFatal, "backup", dest); !strings.Contains(errOut, "use --force to overwrite") {
		t.Errorf("backup over a file: %q", errOut)
	}
	c.must(exitOK, "backup", "--force", dest)
	backup := &cli{t: t, db: dest}
	if out, _ := backup.must(exitOK, "check"); !strings.Contains(out, "holds 3 articles") {
		t.Errorf("check of the backup: %q", out)
	}

	c.must(exitOK, "edit", "1", "title=Changed after the backup")
	// The app has the archive open: restore refuses and changes nothing.
	app, err := storage.Open(c.db)
	if err != nil {
		t.Fatal(err)
	}
	_, errOut := c.must(exitFatal, "restore", dest)
	app.Close()
	if !strings.Contains(errOut, "is open in another program") {
		t.Errorf("restore while open: %q", errOut)
	}
	notes := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(notes, []byte("not a backup"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut := c.must(exitFatal, "restore", notes); !strings.HasPrefix(errOut, "seedctl: not restored: \""+notes+"\" is not a Seed Archive file") {
		t.Errorf("restore from a text file: %q", errOut)
	}
	if out, _ := c.must(exitOK, "show", "1"); !strings.Contains(out, "Changed after the backup") {
		t.Fatal("a refused restore changed the archive")
	}

	out, _ := c.must(exitOK, "restore", dest)
	kept := filepath.Join(filepath.Dir(c.db), "backups", "archive-")
	if !strings.HasPrefix(out, "restored "+c.db+" from "+dest+"\nthe archive it replaced is kept as "+kept) {
		t.Errorf("restore printed %q", out)
	}
	if out, _ := c.must(exitOK, "show", "1"); strings.Contains(out, "Changed after the backup") {
		t.Error("the restored archive has the later edit")
	}
	c.must(exitOK, "check")
	keptPath := strings.TrimSpace(out[strings.LastIndex(out, " ")+1:])
	if out, _ := (&cli{t: t, db: keptPath}).must(exitOK, "show", "1"); !strings.Contains(out, "Changed after the backup") {
		t.Error("the kept archive lacks the later edit")
	}
}
