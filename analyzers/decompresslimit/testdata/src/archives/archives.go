// Package archives models a firmware service that unpacks uploaded
// bundles.
package archives

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
)

const maxEntry = 64 << 20

var errEntryTooLarge = errors.New("archive entry too large")

// Extracting every entry of an uploaded zip, trusting its sizes.
func unzipAll(data []byte, dir string) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return err
		}
		out, err := os.Create(filepath.Join(dir, filepath.Base(f.Name)))
		if err != nil {
			rc.Close()
			return err
		}
		_, err = io.Copy(out, rc) // want `io\.Copy reads the output of \(\*zip\.File\)\.Open`
		rc.Close()
		out.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// A manifest opened through the fs.FS view of the archive.
func readManifest(zr *zip.Reader) ([]byte, error) {
	f, err := zr.Open("manifest.json")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f) // want `io\.ReadAll reads the output of \(\*zip\.Reader\)\.Open`
}

// A .tar.gz bundle: tar does not compress, gzip does.
func untar(r io.Reader, dir string) error {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return err
	}
	tr := tar.NewReader(gz)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		out, err := os.Create(filepath.Join(dir, filepath.Base(hdr.Name)))
		if err != nil {
			return err
		}
		// The header's size is the attacker's to choose.
		_, err = io.CopyN(out, tr, hdr.Size) // want `io\.CopyN reads the output of gzip\.NewReader`
		out.Close()
		if err != nil {
			return err
		}
	}
}

// The declared size checked before opening: archive/zip fails a read
// past it.
func unzipChecked(zr *zip.Reader, dir string) error {
	for _, f := range zr.File {
		if f.UncompressedSize64 > maxEntry {
			return errEntryTooLarge
		}
		if err := extract(f, dir); err != nil {
			return err
		}
	}
	return nil
}

func extract(f *zip.File, dir string) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	if f.UncompressedSize64 > maxEntry {
		return errEntryTooLarge
	}
	out, err := os.Create(filepath.Join(dir, filepath.Base(f.Name)))
	if err != nil {
		return err
	}
	defer out.Close()
	_, err = io.Copy(out, rc)
	return err
}

// Tar entries checked against a bound.
func untarChecked(r io.Reader, dir string) error {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return err
	}
	tr := tar.NewReader(gz)
	for {
		hdr, err := tr.Next()
		if err != nil {
			return err
		}
		if hdr.Size > maxEntry {
			return errEntryTooLarge
		}
		out, err := os.Create(filepath.Join(dir, filepath.Base(hdr.Name)))
		if err != nil {
			return err
		}
		_, err = io.Copy(out, tr)
		out.Close()
		if err != nil {
			return err
		}
	}
}

// Each entry copied with io.CopyN and a fixed bound.
func unzipBounded(zr *zip.Reader, dir string) error {
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return err
		}
		out, err := os.Create(filepath.Join(dir, filepath.Base(f.Name)))
		if err != nil {
			return err
		}
		n, err := io.CopyN(out, rc, maxEntry+1)
		out.Close()
		rc.Close()
		if n > maxEntry {
			return errEntryTooLarge
		}
		if err != nil && err != io.EOF {
			return err
		}
	}
	return nil
}

// The raw, still-compressed bytes: OpenRaw does not inflate.
func copyRaw(f *zip.File, w io.Writer) error {
	rr, err := f.OpenRaw()
	if err != nil {
		return err
	}
	_, err = io.Copy(w, rr)
	return err
}

// An uncompressed tar is not a decompression bomb.
func untarPlain(r io.Reader, w io.Writer) error {
	tr := tar.NewReader(r)
	if _, err := tr.Next(); err != nil {
		return err
	}
	_, err := io.Copy(w, tr)
	return err
}
