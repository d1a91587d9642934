package vetconfig

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// PrintToolID answers go vet's `-V=full` query. go vet keys its cache of
// vet results on the tool's answer, so the answer hashes connlint.toml
// (of the working directory's module) along with the executable: a changed
// threshold must re-run the analyzers, not replay results computed under
// the old one. The format is the one cmd/go parses for development builds:
// "NAME version devel ... buildID=HASH".
//
// Under `connlint check` (SettingsEnv=flags), the thresholds come as flags,
// which go vet keys its cache by already, and connlint.toml is not read:
// the ID is the executable's alone, so that an edit of connlint.toml that
// leaves the thresholds alone (a chain, an nginx setting) keeps every
// cached analysis.
func PrintToolID(w io.Writer) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	h := sha256.New()
	if err := hashFile(h, exe); err != nil {
		return err
	}
	h.Write([]byte{0})
	if FlagsOnly() {
		h.Write([]byte("settings from flags"))
	} else if dir, err := os.Getwd(); err == nil {
		if root, ok := moduleRoot(dir); ok {
			// A missing file hashes as empty: its appearance changes the ID.
			_ = hashFile(h, filepath.Join(root, "connlint.toml"))
		}
	}
	_, err = fmt.Fprintf(w, "%s version devel comments-go-here buildID=%02x\n", exe, h.Sum(nil))
	return err
}

func hashFile(w io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}
