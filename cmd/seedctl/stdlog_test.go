package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

// unsolicitedServer serves a PNG on every request and then writes a second,
// unrequested response on the idle connection, which makes net/http's
// transport log "Unsolicited response received on idle HTTP channel".
func unsolicitedServer(t *testing.T) string {
	t.Helper()
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 8, 8))); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				br := bufio.NewReader(conn)
				for {
					req, err := http.ReadRequest(br)
					if err != nil {
						return
					}
					_, _ = io.Copy(io.Discard, req.Body)
					fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: %d\r\n\r\n", img.Len())
					_, _ = conn.Write(img.Bytes())
					_, _ = io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
				}
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}

// TestImagesFetchPrintsNoTransportLog fetches from a server that sends an
// unrequested response: net/http's transport reports it through the
// standard logger, which seedctl silences, so nothing but seedctl's own
// lines reaches stderr.
func TestImagesFetchPrintsNoTransportLog(t *testing.T) {
	var logged bytes.Buffer
	log.SetOutput(&logged) // stands for the process's stderr
	t.Cleanup(func() { log.SetOutput(os.Stderr) })
	base := unsolicitedServer(t)
	db := filepath.Join(t.TempDir(), "archive.db")
	a, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("---\ntitle: \"one\"\nrelated:\n  - title: \"r\"\n    images:\n")
	for i := range 4 {
		fmt.Fprintf(&b, "      - url: \"%s/%d.png\"\n        width: 8\n        height: 8\n", base, i)
	}
	b.WriteString("---\n")
	doc, err := seedfile.Parse([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Insert(context.Background(), "one.txt", doc); err != nil {
		t.Fatal(err)
	}
	a.Close()
	_, _, stderr := runImagesCmd(db, "fetch", "--quiet")
	if strings.Contains(stderr, "Unsolicited") || logged.Len() > 0 {
		t.Errorf("stderr %q; standard logger %q", stderr, logged.String())
	}
}
