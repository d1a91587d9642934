package config

import (
	"strings"
	"testing"

	"github.com/connlint/connlint/internal/units"
)

// TestNginxLimits: the [nginx] limits of what connlint reads decode, and
// values that would switch a limit off are errors at their line.
func TestNginxLimits(t *testing.T) {
	c := mustParse(t, "[nginx]\nmax_file_size = \"32m\"\nmax_depth = 50\nread_dirs = [\"../shared-nginx\"]\n")
	if c.Nginx.MaxFileSize.Size != 32*units.MiB || c.Nginx.MaxDepth != 50 || len(c.Nginx.ReadDirs) != 1 {
		t.Errorf("decoded %+v", c.Nginx)
	}
	if c := mustParse(t, "[nginx]\nversion = \"1.26.0\"\n"); c.Nginx.MaxFileSize.Set || c.Nginx.MaxDepth != 0 {
		t.Errorf("unset limits decoded as %+v; want unset (the loader's defaults)", c.Nginx)
	}
	for _, tt := range []struct{ doc, want string }{
		{"[nginx]\nmax_file_size = \"0\"\n", "connlint.toml:2: nginx.max_file_size must be greater than zero"},
		{"[nginx]\nmax_file_size = \"lots\"\n", "connlint.toml:2:"},
		{"[nginx]\n\nmax_depth = 0\n", "connlint.toml:3: nginx.max_depth must be greater than zero"},
		{"[nginx]\nmax_depth = -1\n", "connlint.toml:2: nginx.max_depth must be greater than zero"},
		{"[nginx]\nmax_depth = \"deep\"\n", "connlint.toml:2:"},
		{"[nginx]\nread_dirs = [\"\"]\n", "connlint.toml:2: nginx.read_dirs[0] is empty"},
		{"[nginx]\nfiles = [\"nginx.conf\", \" \"]\n", "connlint.toml:2: nginx.files[1] is empty"},
	} {
		_, err := Parse("connlint.toml", []byte(tt.doc))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v; want %q…", tt.doc, err, tt.want)
		}
	}
}
