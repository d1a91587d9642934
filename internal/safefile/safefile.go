// Package safefile reads the configuration files connlint is given the
// way a linter running on a stranger's pull request must: only regular
// files, never more than a size limit, and never through a symlink that
// leads out of the repository. A FIFO, a device such as /dev/zero or a
// socket would make a plain os.ReadFile block or read forever; a 50 MB
// file would cost gigabytes once parsed.
package safefile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// DefaultMaxSize is the size limit of one configuration file: far above
// any real nginx.conf, Terraform file or manifest (the largest public
// nginx configurations are a few hundred kilobytes), far below what would
// exhaust a CI runner's memory once parsed.
const DefaultMaxSize int64 = 16 << 20

// Error is a file connlint refuses to read, and why. Msg names no file:
// callers report it at the line that named the file.
type Error struct {
	Path     string
	Msg      string
	TooLarge bool // the file is over the size limit
}

func (e *Error) Error() string { return e.Msg }

// Read reads a regular file of at most limit bytes (DefaultMaxSize when
// limit <= 0). The file is opened without blocking, so that a FIFO swapped
// in after a check cannot hang the read, and checked again once open.
func Read(path string, limit int64) ([]byte, error) {
	var data []byte
	err := read(path, limit, func(r io.Reader, size int64) (int64, error) {
		var b bytes.Buffer
		b.Grow(int(size) + bytes.MinRead) // ReadFrom wants MinRead spare to see EOF
		n, err := b.ReadFrom(r)
		data = b.Bytes()
		return n, err
	})
	if err != nil {
		return nil, err
	}
	return data, nil
}

// ReadString is Read into a string, without the copy string(data)
// makes: the nginx loader keeps whole configurations as strings, and
// for a large one the copy is a large share of its peak memory.
func ReadString(path string, limit int64) (string, error) {
	var text string
	err := read(path, limit, func(r io.Reader, size int64) (int64, error) {
		var b strings.Builder
		b.Grow(int(size) + 1)
		n, err := io.Copy(&b, r)
		text = b.String()
		return n, err
	})
	if err != nil {
		return "", err
	}
	return text, nil
}

// read opens path after the checks Read describes and calls fill with a
// reader of at most limit+1 bytes of it and its size now; fill returns
// the number of bytes it read.
func read(path string, limit int64, fill func(r io.Reader, size int64) (int64, error)) error {
	if limit <= 0 {
		limit = DefaultMaxSize
	}
	if err := CheckRegular(path); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return &Error{Path: path, Msg: describe(err)}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return &Error{Path: path, Msg: describe(err)}
	}
	if msg := notRegular(st.Mode()); msg != "" {
		return &Error{Path: path, Msg: msg}
	}
	if st.Size() > limit {
		return tooLarge(path, st.Size(), limit)
	}
	// The size can grow (or /proc-like files report 0): read at most one
	// byte past the limit to tell.
	n, err := fill(io.LimitReader(f, limit+1), st.Size())
	if err != nil {
		return &Error{Path: path, Msg: describe(err)}
	}
	if n > limit {
		return tooLarge(path, n, limit)
	}
	return nil
}

func tooLarge(path string, size, limit int64) error {
	return &Error{Path: path, TooLarge: true, Msg: fmt.Sprintf("is %s, over the %s limit for one file: not read (raise the limit only for a real configuration)", FormatSize(size), FormatSize(limit))}
}

// CheckRegular stats path, following symlinks, and returns an *Error
// unless it is a regular file: a directory, FIFO, socket or device, a
// symlink loop, a missing or unreadable file.
func CheckRegular(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return &Error{Path: path, Msg: describe(err)}
	}
	if msg := notRegular(st.Mode()); msg != "" {
		return &Error{Path: path, Msg: msg}
	}
	return nil
}

// notRegular says what a file is when it is not a regular file.
func notRegular(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "is a directory, not a file"
	case m&fs.ModeNamedPipe != 0:
		return "is a FIFO (named pipe), not a regular file: not read"
	case m&fs.ModeSocket != 0:
		return "is a socket, not a regular file: not read"
	case m&fs.ModeDevice != 0:
		return "is a device, not a regular file: not read"
	}
	return "is not a regular file: not read"
}

// describe turns an open or stat error into a short reason.
func describe(err error) string {
	switch {
	case errors.Is(err, syscall.ELOOP):
		return "is a symlink loop (too many levels of symbolic links): fix the link"
	case errors.Is(err, fs.ErrNotExist):
		return "does not exist"
	case errors.Is(err, fs.ErrPermission):
		return "cannot be read: permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return "cannot be read: " + pe.Err.Error()
	}
	return "cannot be read: " + err.Error()
}

// Within reports whether path, with every symlink resolved, is inside one
// of the directories dirs (absolute; their own symlinks are resolved
// too). A path that cannot be resolved (missing, a loop) is reported as
// not within, with the reason.
func Within(path string, dirs ...string) (bool, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return false, &Error{Path: path, Msg: describe(err)}
	}
	real, err = filepath.Abs(real)
	if err != nil {
		return false, err
	}
	for _, d := range dirs {
		rd, err := filepath.EvalSymlinks(d)
		if err != nil {
			rd = d
		}
		if rd, err = filepath.Abs(rd); err == nil && inside(rd, real) {
			return true, nil
		}
	}
	return false, nil
}

// inside reports whether p is root or below it, both absolute and clean.
func inside(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// FormatSize writes a byte count for a message: "16 MiB", "50.8 MiB", "2 KiB".
func FormatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
