package report

// Rebase returns findings whose file names, relative to dir, are made
// relative to root instead (connlint check -srcroot): the position, the
// end, related positions and the files of fix edits. A name that root
// does not contain is left as it was. findings itself is not modified.
func Rebase(findings []Finding, dir, root string) []Finding {
	src := newSourceLines(dir, root)
	rebase := func(file string) string {
		if file == "" {
			return ""
		}
		return src.uri(file)
	}
	out := make([]Finding, len(findings))
	for i, f := range findings {
		f.File = rebase(f.File)
		f.End.File = rebase(f.End.File)
		if f.Related != nil {
			related := make([]Related, len(f.Related))
			for j, r := range f.Related {
				r.File = rebase(r.File)
				related[j] = r
			}
			f.Related = related
		}
		if f.Fixes != nil {
			fixes := make([]Fix, len(f.Fixes))
			for j, fix := range f.Fixes {
				edits := make([]Edit, len(fix.Edits))
				for k, e := range fix.Edits {
					e.File = rebase(e.File)
					e.Start.File = rebase(e.Start.File)
					e.End.File = rebase(e.End.File)
					edits[k] = e
				}
				fix.Edits = edits
				fixes[j] = fix
			}
			f.Fixes = fixes
		}
		out[i] = f
	}
	return out
}
