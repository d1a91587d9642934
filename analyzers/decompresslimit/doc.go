// Package decompresslimit defines an Analyzer that reports decompressed
// data read to the end without a size limit: decompression bombs.
//
// # Analyzer decompresslimit
//
// decompresslimit: report decompressed streams read whole without a size limit (zip bombs)
//
// A limit on the request body bounds the compressed bytes, not what they
// expand to: deflate reaches about 1000:1, so a 1 MB gzip body that fits
// under any body limit inflates to a gigabyte, and a gateway with 256 MB
// to 1 GB of RAM dies of a single request. The limit has to wrap the
// decompressed reader.
//
// The check follows the reader returned by a decompressor
// (compress/gzip, zlib, flate, lzw and bzip2 NewReader, (*zip.File).Open
// and (*zip.Reader).Open, the gzip, zlib, flate, zstd, s2 and snappy
// readers of github.com/klauspost/compress, klauspost/pgzip,
// golang/snappy, andybalholm/brotli) through local variables, through
// bufio readers, io.TeeReader, io.MultiReader, io.NopCloser, tar.NewReader
// and the JSON, XML and CSV decoders and bufio.Scanner built on it, and
// through the package's own helpers, both those that return a
// decompressing reader and those that read their argument whole. It
// reports the call that reads the stream to the end with no limit:
// io.ReadAll, io.Copy, io.CopyBuffer, ReadFrom of a bytes.Buffer,
// bufio.Writer or os.File, Decode of a json or xml Decoder, ReadAll of a
// csv.Reader, Scan of a bufio.Scanner in a loop, or the helper call. A
// value whose type is a decompressing reader (*gzip.Reader from a
// sync.Pool and Reset, a struct field) is a decompressed stream wherever
// it comes from.
//
// For example:
//
//	r.Body = http.MaxBytesReader(w, r.Body, 1<<20) // bounds the compressed bytes only
//	zr, err := gzip.NewReader(r.Body)
//	if err != nil {
//		return err
//	}
//	data, err := io.ReadAll(zr) // reported
//
// should be:
//
//	zr, err := gzip.NewReader(r.Body)
//	if err != nil {
//		return err
//	}
//	data, err := io.ReadAll(io.LimitReader(zr, maxDecompressed))
//
// These bound the decompressed stream and are not reported:
// io.LimitReader, &io.LimitedReader{R: zr, N: n} and http.MaxBytesReader
// around the decompressed reader (or any reader built on it);
// io.CopyN(dst, zr, n), unless n is the size the archive declares
// (tar.Header.Size), which the attacker chooses; a zip or tar entry whose
// declared size (UncompressedSize64, Header.Size) is compared with a
// bound in the function that opens or reads it, because archive/zip fails
// a read past the declared size and a tar.Reader stops there; plain Read
// calls into a buffer (a loop with a running total), a single Scan, and
// io.Copy into io.Discard, which keeps nothing. Data that ships with the
// program is trusted: a decompressor whose input is a constant, a
// //go:embed variable or a file of an embed.FS is not followed. Test files
// are skipped.
//
// With -decompresslimit.client, the analyzer also reports io.ReadAll of
// an HTTP client response body (http.Get, Post, PostForm, and the same
// methods and Do of *http.Client), which the Transport un-gzips
// transparently when it asked for gzip itself: not when the package sets
// DisableCompression, nor when the function sets Accept-Encoding or Range
// on the request. The flag is off by default: whether the server can be
// trusted is outside what the code says.
package decompresslimit

import _ "embed"

//go:embed doc.go
var docSource string
