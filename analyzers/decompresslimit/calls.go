package decompresslimit

import (
	"go/types"
	"strings"
)

// A role is what a called function does with a reader, as far as the
// decompressed stream is concerned.
type role int

const (
	// roleSource returns, as its first result, a reader of decompressed
	// data: the stream whose size the caller must bound.
	roleSource role = iota + 1
	// rolePass returns a reader (or decoder, scanner) that yields the data
	// of its argument arg (argReceiver: of its receiver), unbounded.
	rolePass
	// rolePassAll returns a reader that yields the data of all its
	// arguments (io.MultiReader).
	rolePassAll
	// roleLimit returns a reader that stops after a bound: whatever goes
	// in, what comes out is limited.
	roleLimit
	// roleSink reads its argument arg (argReceiver: its receiver) to the
	// end, keeping or writing everything it reads.
	roleSink
	// roleLoopSink reads one token per call; it reads the whole stream
	// when called in a loop (bufio.Scanner.Scan).
	roleLoopSink
	// roleCopyN copies at most n bytes: a limit, unless n is the size the
	// archive itself declares (tar.Header.Size), which the attacker sets.
	roleCopyN
)

// argReceiver as a role's arg designates the method's receiver.
const argReceiver = -1

// A callRole is the role of one function and the argument it concerns.
type callRole struct {
	kind role
	arg  int
}

// funcKey identifies a package-level function (recv empty) or a method.
type funcKey struct{ path, recv, name string }

// Import paths of the third-party decompressors recognised, besides the
// standard library's compress/* and archive/zip.
const (
	klauspost = "github.com/klauspost/compress"
	pgzip     = "github.com/klauspost/pgzip"
	goSnappy  = "github.com/golang/snappy"
	brotli    = "github.com/andybalholm/brotli"
)

// roles lists the functions the analyzer knows. Everything else is
// opaque: a reader returned by an unknown function is not tracked (unless
// its type is a decompressor, see decompressorTypes), so the analyzer
// errs on the side of silence.
var roles = map[funcKey]callRole{
	// Decompressors of the standard library. archive/zip's File.Open and
	// (fs.FS) Reader.Open inflate the entry; ReadCloser.Open is the
	// promoted Reader.Open. File.OpenRaw returns the compressed bytes and
	// is not a source.
	{"compress/gzip", "", "NewReader"}:       {roleSource, 0},
	{"compress/zlib", "", "NewReader"}:       {roleSource, 0},
	{"compress/zlib", "", "NewReaderDict"}:   {roleSource, 0},
	{"compress/flate", "", "NewReader"}:      {roleSource, 0},
	{"compress/flate", "", "NewReaderDict"}:  {roleSource, 0},
	{"compress/lzw", "", "NewReader"}:        {roleSource, 0},
	{"compress/bzip2", "", "NewReader"}:      {roleSource, 0},
	{"archive/zip", "File", "Open"}:          {roleSource, argReceiver},
	{"archive/zip", "Reader", "Open"}:        {roleSource, argReceiver},
	{klauspost + "/gzip", "", "NewReader"}:   {roleSource, 0},
	{klauspost + "/zlib", "", "NewReader"}:   {roleSource, 0},
	{klauspost + "/flate", "", "NewReader"}:  {roleSource, 0},
	{klauspost + "/zstd", "", "NewReader"}:   {roleSource, 0},
	{klauspost + "/s2", "", "NewReader"}:     {roleSource, 0},
	{klauspost + "/snappy", "", "NewReader"}: {roleSource, 0},
	{pgzip, "", "NewReader"}:                 {roleSource, 0},
	{pgzip, "", "NewReaderN"}:                {roleSource, 0},
	{goSnappy, "", "NewReader"}:              {roleSource, 0},
	{brotli, "", "NewReader"}:                {roleSource, 0},

	// Wrappers that hand the data through unbounded. A decoder or scanner
	// "carries" the stream: its Decode/Scan reads it.
	{"bufio", "", "NewReader"}:                       {rolePass, 0},
	{"bufio", "", "NewReaderSize"}:                   {rolePass, 0},
	{"bufio", "", "NewScanner"}:                      {rolePass, 0},
	{"io", "", "TeeReader"}:                          {rolePass, 0},
	{"io", "", "NopCloser"}:                          {rolePass, 0},
	{"io/ioutil", "", "NopCloser"}:                   {rolePass, 0},
	{"io", "", "MultiReader"}:                        {rolePassAll, 0},
	{"archive/tar", "", "NewReader"}:                 {rolePass, 0},
	{"encoding/json", "", "NewDecoder"}:              {rolePass, 0},
	{"encoding/xml", "", "NewDecoder"}:               {rolePass, 0},
	{"encoding/csv", "", "NewReader"}:                {rolePass, 0},
	{klauspost + "/zstd", "Decoder", "IOReadCloser"}: {rolePass, argReceiver},

	// Limits around the decompressed reader.
	{"io", "", "LimitReader"}:          {roleLimit, 0},
	{"net/http", "", "MaxBytesReader"}: {roleLimit, 1},
	{"io", "", "CopyN"}:                {roleCopyN, 1},

	// Whole-stream readers.
	{"io", "", "ReadAll"}:                        {roleSink, 0},
	{"io/ioutil", "", "ReadAll"}:                 {roleSink, 0},
	{"io", "", "Copy"}:                           {roleSink, 1},
	{"io", "", "CopyBuffer"}:                     {roleSink, 1},
	{"bytes", "Buffer", "ReadFrom"}:              {roleSink, 0},
	{"bufio", "Writer", "ReadFrom"}:              {roleSink, 0},
	{"os", "File", "ReadFrom"}:                   {roleSink, 0},
	{"encoding/json", "Decoder", "Decode"}:       {roleSink, argReceiver},
	{"encoding/xml", "Decoder", "Decode"}:        {roleSink, argReceiver},
	{"encoding/xml", "Decoder", "DecodeElement"}: {roleSink, argReceiver},
	{"encoding/csv", "Reader", "ReadAll"}:        {roleSink, argReceiver},
	{"bufio", "Scanner", "Scan"}:                 {roleLoopSink, argReceiver},
}

// sourcePackages are the import paths a package must import (directly)
// to create a decompressing reader: the analyzer's early exit.
var sourcePackages = func() []string {
	seen := make(map[string]bool)
	var paths []string
	for key, r := range roles {
		if r.kind == roleSource && !seen[key.path] {
			seen[key.path] = true
			paths = append(paths, key.path)
		}
	}
	return paths
}()

// decompressorTypes are the concrete reader types that decompress. A value
// of one of them is a decompressed stream wherever it comes from: a
// sync.Pool, a struct field, a Reset call on a reused reader.
var decompressorTypes = map[funcKey]bool{
	{"compress/gzip", "", "Reader"}:       true,
	{klauspost + "/gzip", "", "Reader"}:   true,
	{klauspost + "/zstd", "", "Decoder"}:  true,
	{klauspost + "/s2", "", "Reader"}:     true,
	{klauspost + "/snappy", "", "Reader"}: true,
	{pgzip, "", "Reader"}:                 true,
	{goSnappy, "", "Reader"}:              true,
	{brotli, "", "Reader"}:                true,
}

// roleOf returns the role of fn, if the analyzer knows it.
func roleOf(fn *types.Func) (callRole, bool) {
	if fn == nil || fn.Pkg() == nil {
		return callRole{}, false
	}
	key := funcKey{path: unvendor(fn.Pkg().Path()), name: fn.Name()}
	if recv := fn.Signature().Recv(); recv != nil {
		named, ok := derefNamed(recv.Type())
		if !ok {
			return callRole{}, false
		}
		key.recv = named.Obj().Name()
	}
	r, ok := roles[key]
	return r, ok
}

// isDecompressorType reports whether t is (a pointer to) a concrete
// decompressing reader type.
func isDecompressorType(t types.Type) bool {
	named, ok := derefNamed(t)
	if !ok || named.Obj().Pkg() == nil {
		return false
	}
	return decompressorTypes[funcKey{path: unvendor(named.Obj().Pkg().Path()), name: named.Obj().Name()}]
}

// derefNamed returns the named type t is, or points to.
func derefNamed(t types.Type) (*types.Named, bool) {
	t = types.Unalias(t)
	if ptr, ok := t.(*types.Pointer); ok {
		t = types.Unalias(ptr.Elem())
	}
	named, ok := t.(*types.Named)
	return named, ok
}

// unvendor strips a vendor directory prefix from an import path.
func unvendor(path string) string {
	if i := strings.LastIndex(path, "/vendor/"); i >= 0 {
		return path[i+len("/vendor/"):]
	}
	return path
}

// describe names fn for messages: gzip.NewReader, (*zip.File).Open.
func describe(fn *types.Func) string {
	if recv := fn.Signature().Recv(); recv != nil {
		if named, ok := derefNamed(recv.Type()); ok {
			return "(*" + named.Obj().Pkg().Name() + "." + named.Obj().Name() + ")." + fn.Name()
		}
	}
	return fn.Pkg().Name() + "." + fn.Name()
}
