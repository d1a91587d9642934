package nginxcheck

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestDemo pins the findings of testdata/demo's nginx configuration, one
// per nginx rule.
func TestDemo(t *testing.T) {
	findings, err := Check([]string{"../testdata/demo/nginx/nginx.conf"}, Options{Root: "../testdata/demo"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range findings {
		// The snippet is included at server and at location level: the
		// dropped headers come from the server's copy.
		if f.Rule == "nginx-header-inheritance" && !strings.Contains(f.Message, "set at server level") {
			t.Errorf("header-inheritance names the wrong level: %s", f.Message)
		}
		got = append(got, fmt.Sprintf("%s:%d %s", f.File, f.Line, f.Rule))
		t.Logf("%s:%d: %s [%s]", f.File, f.Line, f.Message, f.Rule)
	}
	want := []string{
		"nginx/conf.d/iot.conf:17 nginx-body-size",
		"nginx/conf.d/iot.conf:26 nginx-upstream-keepalive",
		"nginx/conf.d/iot.conf:27 nginx-rate-limit-status",
		"nginx/conf.d/iot.conf:44 nginx-websocket",
		"nginx/conf.d/iot.conf:45 nginx-header-inheritance",
		"nginx/nginx.conf:9 nginx-keepalive",
	}
	if !slices.Equal(got, want) {
		t.Errorf("demo findings\n got %q\nwant %q", got, want)
	}
	files, err := Discover("../testdata/demo")
	if err != nil || len(files) != 1 || files[0] != "../testdata/demo/nginx/nginx.conf" {
		t.Errorf("Discover(demo) = %v, %v; want only nginx/nginx.conf", files, err)
	}
}
