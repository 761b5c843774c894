// Command sdkgen-dotnet binds schema.json and writes the .NET SDK with pkg/v3's .NET code generator
// (v3.95.0, the last release line that carries it; see go.mod). Usage: sdkgen-dotnet SCHEMA OUT_DIR
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

type noLoader struct{}

func (noLoader) LoadPackage(string, *semver.Version) (*schema.Package, error) {
	return nil, errors.New("no packages")
}

// offlineLogo answers the one HTTP request the .NET generator makes (it downloads a package logo for the
// NuGet package) with a plain 64x64 PNG, so generating never touches the network and is reproducible.
type offlineLogo struct{}

func (offlineLogo) RoundTrip(req *http.Request) (*http.Response, error) {
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for x := 0; x < 64; x++ {
		for y := 0; y < 64; y++ {
			img.Set(x, y, color.RGBA{41, 181, 232, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return &http.Response{StatusCode: 200, Body: io.NopCloser(&buf), Request: req, Header: http.Header{}}, nil
}

func fail(format string, a ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", a...)
	os.Exit(1)
}

func main() {
	if len(os.Args) != 3 {
		fail("usage: sdkgen-dotnet SCHEMA OUT_DIR")
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fail("%v", err)
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		fail("%s: %v", os.Args[1], err)
	}
	pkg, diags, err := schema.BindSpec(spec, noLoader{})
	for _, d := range diags {
		fmt.Fprintf(os.Stderr, "diagnostic (%v): %s: %s\n", d.Severity, d.Summary, d.Detail)
	}
	if err != nil || diags.HasErrors() {
		fail("bind error: %v", err)
	}
	http.DefaultTransport = offlineLogo{}
	files, err := dotnet.GeneratePackage("pulumi-spcs sdkgen", pkg, nil)
	if err != nil {
		fail("dotnet: %v", err)
	}
	root := filepath.Join(os.Args[2], "dotnet")
	if err := os.RemoveAll(root); err != nil {
		fail("%v", err)
	}
	for name, content := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fail("%v", err)
		}
		if err := os.WriteFile(p, content, 0o644); err != nil {
			fail("%v", err)
		}
	}
	fmt.Printf("dotnet: %d files in %s\n", len(files), root)
}
