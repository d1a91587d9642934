package depcache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Entries not used for keepFor are deleted, at most once per trimEvery;
// an entry used again is touched at most once per touchEvery, so that a
// hit costs no write in the common case. A pending note older than
// keepPending belongs to a run that never finished.
const (
	keepFor     = 5 * 24 * time.Hour
	keepPending = 24 * time.Hour
	trimEvery   = 24 * time.Hour
	touchEvery  = time.Hour
)

// cache is a directory of vetx files, named by key, each stored behind
// the SHA-256 of its contents so that a damaged entry is never served.
type cache struct{ dir string }

// open returns the cache, creating its directory; false when there is no
// place for it, and the run goes on without.
func open() (*cache, bool) {
	dir := os.Getenv("CONNLINT_CACHE_DIR")
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return nil, false
		}
		dir = filepath.Join(base, "connlint", "vetx")
	}
	if err := os.MkdirAll(filepath.Join(dir, "pending"), 0o755); err != nil {
		return nil, false
	}
	return &cache{dir: dir}, true
}

func (c *cache) entry(key string) string { return filepath.Join(c.dir, key[:2], key) }

// note is the pending note for a vetx file go vet will hand to the
// importers of its package.
func (c *cache) note(vetxFile string) string {
	sum := sha256.Sum256([]byte(vetxFile))
	return filepath.Join(c.dir, "pending", hex.EncodeToString(sum[:20]))
}

// copyTo writes the entry for key to dst, reporting whether there was a
// sound one.
func (c *cache) copyTo(key, dst string) bool {
	body, ok := c.get(key)
	return ok && os.WriteFile(dst, body, 0o644) == nil
}

// get returns the entry for key, reporting whether there was a sound one.
func (c *cache) get(key string) ([]byte, bool) {
	name := c.entry(key)
	data, err := os.ReadFile(name)
	if err != nil || len(data) < sha256.Size {
		return nil, false
	}
	body := data[sha256.Size:]
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], data[:sha256.Size]) {
		return nil, false
	}
	if fi, err := os.Stat(name); err == nil && time.Since(fi.ModTime()) > touchEvery {
		now := time.Now()
		_ = os.Chtimes(name, now, now)
	}
	return body, true
}

// Get returns the entry a caller outside go vet's units stored under key
// (a hex SHA-256) with Put, reporting whether there is a sound one. The
// entries share the cache's directory, checksum and trimming.
func Get(key string) ([]byte, bool) {
	c, ok := open()
	if !ok || Off() || !validKey(key) {
		return nil, false
	}
	return c.get(key)
}

// Put stores data under key (a hex SHA-256) for Get.
func Put(key string, data []byte) {
	c, ok := open()
	if !ok || Off() || !validKey(key) {
		return
	}
	c.put(key, sha256.Sum256(data), data)
}

// notePending records that vetxFile, once written, is the entry for key.
func (c *cache) notePending(vetxFile, key string) {
	_ = writeAtomic(c.note(vetxFile), []byte(key))
}

// fileImports returns the SHA-256 of each import's vetx file, by import
// path, when all is set (the key of a cached unit needs them), and files
// every import whose pending note is waiting for it. Without all, only
// the imports with a note are read.
func (c *cache) fileImports(u *unit, all bool) map[string][sha256.Size]byte {
	sums := make(map[string][sha256.Size]byte, len(u.PackageVetx))
	for path, file := range u.PackageVetx {
		key, noted := c.pendingKey(file)
		if !all && !noted {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			continue // no sum: the unit is not cached
		}
		sum := sha256.Sum256(data)
		sums[path] = sum
		if noted {
			c.put(key, sum, data)
			_ = os.Remove(c.note(file))
		}
	}
	return sums
}

// pendingKey returns the key a pending note gives vetxFile. A note older
// than the file it names was left by an earlier run in a reused
// directory, and does not count.
func (c *cache) pendingKey(vetxFile string) (string, bool) {
	note := c.note(vetxFile)
	nfi, err := os.Stat(note)
	if err != nil {
		return "", false
	}
	ffi, err := os.Stat(vetxFile)
	if err != nil || ffi.ModTime().Before(nfi.ModTime().Add(-time.Second)) {
		return "", false
	}
	key, err := os.ReadFile(note)
	if err != nil || !validKey(string(key)) {
		return "", false
	}
	return string(key), true
}

func validKey(key string) bool {
	if len(key) != 2*sha256.Size {
		return false
	}
	_, err := hex.DecodeString(key)
	return err == nil
}

// put stores data as the entry for key.
func (c *cache) put(key string, sum [sha256.Size]byte, data []byte) {
	name := c.entry(key)
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return
	}
	if writeAtomic(name, append(sum[:len(sum):len(sum)], data...)) == nil {
		c.trim()
	}
}

// writeAtomic writes a file under a temporary name and renames it, so
// that a reader never sees half of it.
func writeAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// trim deletes, once a day, the entries nobody used for keepFor and the
// pending notes and temporary files of runs that did not finish.
func (c *cache) trim() {
	stamp := filepath.Join(c.dir, "trimmed")
	if fi, err := os.Stat(stamp); err == nil && time.Since(fi.ModTime()) < trimEvery {
		return
	}
	if writeAtomic(stamp, nil) != nil {
		return
	}
	now := time.Now()
	_ = filepath.WalkDir(c.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path == stamp {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return nil
		}
		age := now.Sub(fi.ModTime())
		pending := filepath.Base(filepath.Dir(path)) == "pending" || strings.HasPrefix(d.Name(), ".tmp-")
		if pending && age > keepPending || age > keepFor {
			_ = os.Remove(path)
		}
		return nil
	})
}
