package analyzers

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestFactsRoundTripThroughGob: drivers that run analyzers one package at
// a time (go vet's unitchecker, Bazel's nogo) pass facts between packages
// encoded with encoding/gob. gob drops unexported fields without a word, so
// a fact that does not survive the round trip would lose its knowledge
// only under those drivers. Every fact type of every analyzer, and of
// every analyzer they require, is filled with non-zero values in every
// field and must come back equal.
func TestFactsRoundTripThroughGob(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		for _, f := range a.FactTypes {
			typ := reflect.TypeOf(f)
			if seen[typ] {
				continue
			}
			seen[typ] = true
			roundTrip(t, a.Name, typ)
		}
		for _, req := range a.Requires {
			visit(req)
		}
	}
	for _, a := range All() {
		visit(a)
	}
	if len(seen) == 0 {
		t.Fatal("no fact types found: the analyzers' FactTypes were not visited")
	}
}

func roundTrip(t *testing.T, analyzer string, typ reflect.Type) {
	t.Helper()
	v := reflect.New(typ.Elem())
	fill(t, analyzer, v.Elem(), 0)
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(v.Interface()); err != nil {
		t.Errorf("%s: fact %s does not gob-encode: %v", analyzer, typ, err)
		return
	}
	back := reflect.New(typ.Elem())
	if err := gob.NewDecoder(&buf).Decode(back.Interface()); err != nil {
		t.Errorf("%s: fact %s does not gob-decode: %v", analyzer, typ, err)
		return
	}
	if !reflect.DeepEqual(v.Interface(), back.Interface()) {
		t.Errorf("%s: fact %s changes through gob:\n sent %#v\n got  %#v", analyzer, typ, v.Elem().Interface(), back.Elem().Interface())
	}
}

// fill sets every field of v to a non-zero value. An unexported struct
// field is an error: gob would drop it.
func fill(t *testing.T, analyzer string, v reflect.Value, depth int) {
	if depth > 6 {
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(7)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(7)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(0.5)
	case reflect.String:
		v.SetString("x")
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(t, analyzer, s.Index(0), depth+1)
		v.Set(s)
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			fill(t, analyzer, v.Index(i), depth+1)
		}
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(t, analyzer, k, depth+1)
		fill(t, analyzer, e, depth+1)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(t, analyzer, p.Elem(), depth+1)
		v.Set(p)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() {
				t.Errorf("%s: fact field %s.%s is unexported: gob drops it between packages", analyzer, v.Type(), f.Name)
				continue
			}
			fill(t, analyzer, v.Field(i), depth+1)
		}
	default:
		t.Errorf("%s: fact of type %s holds a %s, which gob cannot carry", analyzer, v.Type(), v.Kind())
	}
}
