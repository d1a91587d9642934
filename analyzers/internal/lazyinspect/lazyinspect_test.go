package lazyinspect

import (
	"go/ast"
	"go/parser"
	"go/token"
	"sync"
	"testing"
)

// TestLazy: nothing is built until asked; then one inspector, over the
// package's files, whoever asks and however many at once.
func TestLazy(t *testing.T) {
	fset := token.NewFileSet()
	var files []*ast.File
	for _, src := range []string{"package p\nfunc A() {}\n", "package p\nfunc B() {}\nfunc C() {}\n"} {
		f, err := parser.ParseFile(fset, "", src, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	l := &Lazy{files: files}
	if l.ins != nil {
		t.Fatal("built before use")
	}
	var wg sync.WaitGroup
	got := make([]any, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = l.Inspector()
		}()
	}
	wg.Wait()
	for i := range got {
		if got[i] != got[0] || got[i] == nil {
			t.Fatalf("caller %d got %p, caller 0 %p", i, got[i], got[0])
		}
	}
	funcs := 0
	for range l.Inspector().Root().Preorder((*ast.FuncDecl)(nil)) {
		funcs++
	}
	if funcs != 3 {
		t.Errorf("the inspector sees %d functions, want 3", funcs)
	}
}
