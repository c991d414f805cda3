package transfer

import (
	"compress/flate"
	"encoding/binary"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// The zip format's numbers that zipStream writes (APPNOTE.TXT; the names
// are archive/zip's).
const (
	zipFileHeaderSig  = 0x04034b50
	zipDirHeaderSig   = 0x02014b50
	zipDirEndSig      = 0x06054b50
	zipDir64LocSig    = 0x07064b50
	zipDir64EndSig    = 0x06064b50
	zipDescriptorSig  = 0x08074b50
	zipFileHeaderLen  = 30
	zipDir64EndLen    = 56
	zipVersion20      = 20
	zipVersion45      = 45
	zipUint16Max      = 1<<16 - 1
	zipUint32Max      = 1<<32 - 1
	zip64ExtraID      = 0x0001
	zipExtTimeExtraID = 0x5455
	zipFlagDescriptor = 0x8
	zipFlagUTF8       = 0x800
	zipMethodDeflate  = 8
)

// zipStream writes a zip file entry after entry, deflated, with a data
// descriptor and a modification time: byte for byte what archive/zip's
// Writer writes for the same entries (TestZipStreamMatchesArchiveZip).
// archive/zip keeps a FileHeader and more per entry for the central
// directory; zipStream writes each entry's directory record to a scratch
// file as the entry ends and copies them after the last entry, so that
// the memory a zip of a million files takes is that of one entry
// (TestExportMemoryPerArticle).
type zipStream struct {
	out      *zipCounter
	date     uint16 // MS-DOS date and time of every entry
	time     uint16
	extra    []byte // the extended-timestamp extra field of every entry, nil without a time
	comp     *flate.Writer
	crc      hash.Hash32
	raw      int64 // bytes given to the current entry
	comped   *zipCounter
	dir      *spill    // the central directory's records of the entries ended
	records  uint64    // entries created
	entry    zipRecord // the entry being written
	name     string    // its name
	rec      []byte    // the buffer of dirRecord
	writing  bool      // an entry is open
	entryOut zipEntryWriter
}

// zipRecord is what the central directory needs of an entry besides its name.
type zipRecord struct {
	offset, compressed, size uint64
	crc                      uint32
}

func (e *zipRecord) zip64() bool { return e.compressed >= zipUint32Max || e.size >= zipUint32Max }

// zipCounter counts the bytes written through it.
type zipCounter struct {
	w     io.Writer
	count int64
}

func (c *zipCounter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.count += int64(n)
	return n, err
}

// zipEntryWriter is the writer of an entry's data.
type zipEntryWriter struct{ z *zipStream }

func (w zipEntryWriter) Write(p []byte) (int, error) {
	w.z.crc.Write(p)
	n, err := w.z.comp.Write(p)
	w.z.raw += int64(n)
	return n, err
}

// newZipStream starts a zip written to w whose entries are modified at
// modified (archive/zip's FileHeader.Modified; zero for none), keeping
// the central directory in dir until close.
func newZipStream(w io.Writer, modified time.Time, dir *spill) *zipStream {
	z := &zipStream{out: &zipCounter{w: w}, crc: crc32.NewIEEE(), dir: dir}
	z.comped = &zipCounter{w: z.out}
	z.entryOut = zipEntryWriter{z}
	if !modified.IsZero() {
		t := modified
		z.date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
		z.time = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
		z.extra = binary.LittleEndian.AppendUint16(nil, zipExtTimeExtraID)
		z.extra = binary.LittleEndian.AppendUint16(z.extra, 5)
		z.extra = append(z.extra, 1)
		z.extra = binary.LittleEndian.AppendUint32(z.extra, uint32(modified.Unix()))
	}
	return z
}

// zipFlags are an entry's general purpose flags: a data descriptor, and
// UTF-8 when the name needs it (as archive/zip decides).
func zipFlags(name string) uint16 {
	flags := uint16(zipFlagDescriptor)
	valid, require := true, false
	for i := 0; i < len(name); {
		r, size := utf8.DecodeRuneInString(name[i:])
		i += size
		if r < 0x20 || r > 0x7d || r == 0x5c {
			if !utf8.ValidRune(r) || (r == utf8.RuneError && size == 1) {
				valid = false
				break
			}
			require = true
		}
	}
	if valid && require {
		flags |= zipFlagUTF8
	}
	return flags
}

// create starts an entry named name (ending the one before) and returns
// the writer of its data.
func (z *zipStream) create(name string) (io.Writer, error) {
	if err := z.endEntry(); err != nil {
		return nil, err
	}
	if strings.HasSuffix(name, "/") {
		return nil, errors.New("zip: " + name + ": a folder entry")
	}
	if len(name) > zipUint16Max {
		return nil, errors.New("zip: file name too long")
	}
	z.entry = zipRecord{offset: uint64(z.out.count)}
	z.name = name
	z.records++
	var b [zipFileHeaderLen]byte
	binary.LittleEndian.PutUint32(b[0:], zipFileHeaderSig)
	binary.LittleEndian.PutUint16(b[4:], zipVersion20)
	binary.LittleEndian.PutUint16(b[6:], zipFlags(name))
	binary.LittleEndian.PutUint16(b[8:], zipMethodDeflate)
	binary.LittleEndian.PutUint16(b[10:], z.time)
	binary.LittleEndian.PutUint16(b[12:], z.date)
	// crc and sizes (b[14:26]) follow in the data descriptor
	binary.LittleEndian.PutUint16(b[26:], uint16(len(name)))
	binary.LittleEndian.PutUint16(b[28:], uint16(len(z.extra)))
	if err := z.write(b[:], []byte(name), z.extra); err != nil {
		return nil, err
	}
	z.comped.count = 0
	z.raw = 0
	z.crc.Reset()
	// One compressor, reset for each entry, saves allocating a
	// compressor's buffers per file (BenchmarkExport/zip with -benchmem).
	if z.comp == nil {
		var err error
		if z.comp, err = flate.NewWriter(z.comped, flate.BestSpeed); err != nil {
			return nil, err
		}
	} else {
		z.comp.Reset(z.comped)
	}
	z.writing = true
	return z.entryOut, nil
}

func (z *zipStream) write(parts ...[]byte) error {
	for _, p := range parts {
		if _, err := z.out.Write(p); err != nil {
			return err
		}
	}
	return nil
}

// endEntry ends the open entry: the end of its compressed data, then its
// data descriptor; its central directory record goes to z.dir.
func (z *zipStream) endEntry() error {
	if !z.writing {
		return nil
	}
	z.writing = false
	if err := z.comp.Close(); err != nil {
		return err
	}
	e := &z.entry
	e.crc, e.compressed, e.size = z.crc.Sum32(), uint64(z.comped.count), uint64(z.raw)
	b := binary.LittleEndian.AppendUint32(make([]byte, 0, 24), zipDescriptorSig)
	b = binary.LittleEndian.AppendUint32(b, e.crc)
	if e.zip64() {
		b = binary.LittleEndian.AppendUint64(b, e.compressed)
		b = binary.LittleEndian.AppendUint64(b, e.size)
	} else {
		b = binary.LittleEndian.AppendUint32(b, uint32(e.compressed))
		b = binary.LittleEndian.AppendUint32(b, uint32(e.size))
	}
	if err := z.write(b); err != nil {
		return err
	}
	return z.dirRecord(z.name, e)
}

// dirRecord appends the central directory record of the entry e named n
// to z.dir.
func (z *zipStream) dirRecord(n string, e *zipRecord) error {
	extra := z.extra
	reader := uint16(zipVersion20)
	if e.zip64() {
		reader = zipVersion45
	}
	b := binary.LittleEndian.AppendUint32(z.rec[:0], zipDirHeaderSig)
	b = binary.LittleEndian.AppendUint16(b, zipVersion20) // made by
	b = binary.LittleEndian.AppendUint16(b, reader)
	b = binary.LittleEndian.AppendUint16(b, zipFlags(n))
	b = binary.LittleEndian.AppendUint16(b, zipMethodDeflate)
	b = binary.LittleEndian.AppendUint16(b, z.time)
	b = binary.LittleEndian.AppendUint16(b, z.date)
	b = binary.LittleEndian.AppendUint32(b, e.crc)
	if e.zip64() || e.offset >= zipUint32Max {
		b = binary.LittleEndian.AppendUint32(b, zipUint32Max)
		b = binary.LittleEndian.AppendUint32(b, zipUint32Max)
		extra = append(extra[:len(extra):len(extra)], 0, 0, 0, 0)
		binary.LittleEndian.PutUint16(extra[len(extra)-4:], zip64ExtraID)
		binary.LittleEndian.PutUint16(extra[len(extra)-2:], 24)
		extra = binary.LittleEndian.AppendUint64(extra, e.size)
		extra = binary.LittleEndian.AppendUint64(extra, e.compressed)
		extra = binary.LittleEndian.AppendUint64(extra, e.offset)
	} else {
		b = binary.LittleEndian.AppendUint32(b, uint32(e.compressed))
		b = binary.LittleEndian.AppendUint32(b, uint32(e.size))
	}
	b = binary.LittleEndian.AppendUint16(b, uint16(len(n)))
	b = binary.LittleEndian.AppendUint16(b, uint16(len(extra)))
	b = binary.LittleEndian.AppendUint16(b, 0) // comment length
	b = binary.LittleEndian.AppendUint16(b, 0) // disk number start
	b = binary.LittleEndian.AppendUint16(b, 0) // internal attributes
	b = binary.LittleEndian.AppendUint32(b, 0) // external attributes
	b = binary.LittleEndian.AppendUint32(b, uint32(min(e.offset, zipUint32Max)))
	b = append(b, n...)
	b = append(b, extra...)
	z.rec = b
	if _, err := z.dir.w.Write(b); err != nil {
		return err
	}
	z.dir.n++
	return nil
}

// close ends the last entry and writes the central directory (copied from
// z.dir). It does not close the underlying writer.
func (z *zipStream) close() error {
	if err := z.endEntry(); err != nil {
		return err
	}
	start := z.out.count
	r, err := z.dir.reader()
	if err != nil {
		return err
	}
	if _, err := io.Copy(z.out, r); err != nil {
		return err
	}
	end := z.out.count
	records, size, offset := z.records, uint64(end-start), uint64(start)
	var b []byte
	if records >= zipUint16Max || size >= zipUint32Max || offset >= zipUint32Max {
		b = binary.LittleEndian.AppendUint32(b, zipDir64EndSig)
		b = binary.LittleEndian.AppendUint64(b, zipDir64EndLen-12)
		b = binary.LittleEndian.AppendUint16(b, zipVersion45) // made by
		b = binary.LittleEndian.AppendUint16(b, zipVersion45) // needed
		b = binary.LittleEndian.AppendUint32(b, 0)            // this disk
		b = binary.LittleEndian.AppendUint32(b, 0)            // the directory's disk
		b = binary.LittleEndian.AppendUint64(b, records)
		b = binary.LittleEndian.AppendUint64(b, records)
		b = binary.LittleEndian.AppendUint64(b, size)
		b = binary.LittleEndian.AppendUint64(b, offset)
		b = binary.LittleEndian.AppendUint32(b, zipDir64LocSig)
		b = binary.LittleEndian.AppendUint32(b, 0)
		b = binary.LittleEndian.AppendUint64(b, uint64(end))
		b = binary.LittleEndian.AppendUint32(b, 1) // disks
		records, size, offset = zipUint16Max, zipUint32Max, zipUint32Max
	}
	b = binary.LittleEndian.AppendUint32(b, zipDirEndSig)
	b = binary.LittleEndian.AppendUint16(b, 0) // this disk
	b = binary.LittleEndian.AppendUint16(b, 0) // the directory's disk
	b = binary.LittleEndian.AppendUint16(b, uint16(records))
	b = binary.LittleEndian.AppendUint16(b, uint16(records))
	b = binary.LittleEndian.AppendUint32(b, uint32(size))
	b = binary.LittleEndian.AppendUint32(b, uint32(offset))
	b = binary.LittleEndian.AppendUint16(b, 0) // comment length
	return z.write(b)
}
