package decompresslimit

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/connlint/connlint/analyzers/internal/astutil"
)

// A sizeField is an archive header field whose value bounds what the
// entry's reader yields.
type sizeField int

const (
	noSize sizeField = iota
	// zipSize: archive/zip's checksumReader fails with ErrFormat once it
	// has read more than FileHeader.UncompressedSize64 bytes (Go
	// src/archive/zip/reader.go, checksumReader.Read), so checking the
	// declared size before reading bounds the entry.
	zipSize
	// tarSize: a tar.Reader yields exactly Header.Size bytes of an entry
	// (archive/tar/reader.go, regFileReader).
	tarSize
)

// isZipOpen reports whether fn opens a zip entry.
func isZipOpen(fn *types.Func) bool {
	return astutil.MethodIs(fn, "archive/zip", "File", "Open") || astutil.MethodIs(fn, "archive/zip", "Reader", "Open")
}

// isSizeField reports whether e (through conversions) reads the header
// field that bounds entries of kind f.
func (c *checker) isSizeField(e ast.Expr, f sizeField) bool {
	for {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			break
		}
		if tv, ok := c.pass.TypesInfo.Types[call.Fun]; !ok || !tv.IsType() {
			break
		}
		e = call.Args[0] // int64(f.UncompressedSize64)
	}
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	// The fields are promoted through zip.File, so the field object is
	// compared, not the type of the selected-from value.
	selection, ok := c.pass.TypesInfo.Selections[sel]
	if !ok || selection.Kind() != types.FieldVal {
		return false
	}
	field := selection.Obj()
	if field.Pkg() == nil {
		return false
	}
	switch path := unvendor(field.Pkg().Path()); f {
	case zipSize:
		return path == "archive/zip" && (field.Name() == "UncompressedSize64" || field.Name() == "UncompressedSize")
	case tarSize:
		return path == "archive/tar" && field.Name() == "Size"
	}
	return false
}

// indexSizeChecks records the functions that compare an archive header's
// declared size (if hdr.Size > maxEntry { ... }): in them, the entries
// the archive reader yields are bounded.
func (c *checker) indexSizeChecks() {
	for cur := range c.root.Preorder((*ast.BinaryExpr)(nil)) {
		bin := cur.Node().(*ast.BinaryExpr)
		switch bin.Op {
		case token.GTR, token.GEQ, token.LSS, token.LEQ:
		default:
			continue
		}
		decl, ok := astutil.EnclosingFuncDecl(cur)
		if !ok {
			continue
		}
		for _, f := range []sizeField{zipSize, tarSize} {
			if c.isSizeField(bin.X, f) || c.isSizeField(bin.Y, f) {
				c.sizeChecks[sizeCheckKey{decl.Node(), f}] = true
			}
		}
	}
}

type sizeCheckKey struct {
	decl  ast.Node
	field sizeField
}

// boundedByHeader reports whether o is an archive entry whose declared
// size is checked in the function that opens it or in the one that
// reads it (at).
func (c *checker) boundedByHeader(o origin, at token.Pos) bool {
	if o.sizeCheck == noSize {
		return false
	}
	for _, pos := range []token.Pos{o.sizeAt, at} {
		if decl, ok := c.enclosingFuncDecl(pos); ok && c.sizeChecks[sizeCheckKey{decl.Node(), o.sizeCheck}] {
			return true
		}
	}
	return false
}

// trustedInput reports whether the compressed input of a decompressor
// call ships with the program: a constant, a //go:embed variable, or a
// file of an embed.FS. Such data cannot be a bomb planted by a client.
func (c *checker) trustedInput(call *ast.CallExpr, r callRole) bool {
	if r.arg != 0 || len(call.Args) == 0 {
		return false
	}
	return c.trusted(call.Args[0], 0)
}

func (c *checker) trusted(e ast.Expr, depth int) bool {
	if depth > 4 {
		return false
	}
	info := c.pass.TypesInfo
	e = ast.Unparen(e)
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		return true // a constant string
	}
	switch x := e.(type) {
	case *ast.Ident:
		v, ok := info.Uses[x].(*types.Var)
		if !ok {
			return false
		}
		if c.embedded[v] {
			return true
		}
		defs := c.assigns[v]
		if len(defs) != 1 || defs[0].rhs == nil {
			return false
		}
		if call, ok := ast.Unparen(defs[0].rhs).(*ast.CallExpr); ok && defs[0].index == 0 {
			return c.readsEmbedFS(call)
		}
		return c.trusted(defs[0].rhs, depth+1)
	case *ast.CallExpr:
		fn := astutil.Callee(info, x)
		for _, wrap := range []string{"NewReader", "NewBuffer", "NewBufferString"} {
			if (astutil.FuncIs(fn, "bytes", wrap) || astutil.FuncIs(fn, "strings", wrap)) && len(x.Args) == 1 {
				return c.trusted(x.Args[0], depth+1)
			}
		}
		if tv, ok := info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
			return c.trusted(x.Args[0], depth+1) // []byte(data)
		}
	}
	return false
}

// readsEmbedFS reports whether call opens or reads a file of an embed.FS.
func (c *checker) readsEmbedFS(call *ast.CallExpr) bool {
	fn := astutil.Callee(c.pass.TypesInfo, call)
	return astutil.MethodIs(fn, "embed", "FS", "Open") || astutil.MethodIs(fn, "embed", "FS", "ReadFile")
}

// indexEmbedded records the package-level variables filled by //go:embed.
func (c *checker) indexEmbedded(files []*ast.File) {
	for _, f := range files {
		for _, decl := range f.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok || gen.Tok != token.VAR {
				continue
			}
			for _, spec := range gen.Specs {
				vs := spec.(*ast.ValueSpec)
				if !hasEmbedDirective(gen.Doc) && !hasEmbedDirective(vs.Doc) {
					continue
				}
				for _, name := range vs.Names {
					if v, ok := c.pass.TypesInfo.Defs[name].(*types.Var); ok {
						c.embedded[v] = true
					}
				}
			}
		}
	}
}

func hasEmbedDirective(doc *ast.CommentGroup) bool {
	if doc == nil {
		return false
	}
	for _, cm := range doc.List {
		if strings.HasPrefix(cm.Text, "//go:embed ") {
			return true
		}
	}
	return false
}
