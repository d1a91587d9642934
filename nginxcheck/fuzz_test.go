package nginxcheck

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad feeds arbitrary text to the loader and the rules as a main
// file next to one include, and as an envsubst template: nothing may
// panic or hang, and a parse problem must come back as nginx-parse
// findings with a *ParseError.
// Seeds: every fixture.
func FuzzLoad(f *testing.F) {
	for _, path := range fixtureFiles(f) {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		main := filepath.Join(dir, "nginx.conf")
		if err := os.WriteFile(main, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "inc.conf"), []byte("proxy_set_header X-A a;\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		findings, err := Check([]string{main}, Options{Root: dir})
		if err != nil {
			pe, ok := err.(*ParseError)
			if !ok || len(pe.Findings) == 0 || len(findings) != len(pe.Findings) {
				t.Fatalf("error %v is not a ParseError with findings (findings %v)", err, findings)
			}
			for _, f := range pe.Findings {
				if f.Rule != "nginx-parse" || f.Line < 1 {
					t.Fatalf("bad parse finding %+v", f)
				}
			}
		}
		// The same text as an envsubst template, standing alone: it is read
		// in the context it implies, with placeholder lines blanked.
		tmpl := filepath.Join(dir, "default.conf.template")
		if err := os.WriteFile(tmpl, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if findings, err := Check([]string{tmpl}, Options{Root: dir}); err != nil {
			if pe, ok := err.(*ParseError); !ok || len(pe.Findings) != len(findings) {
				t.Fatalf("template: error %v is not a ParseError with its findings", err)
			}
		}
		for _, l := range []string{"/", "/ws", "/api/x"} {
			cfg, _ := Load([]string{main}, dir)
			if cfg != nil {
				cfg.Match(l)
			}
		}
	})
}
