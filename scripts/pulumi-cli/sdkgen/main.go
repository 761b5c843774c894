// Command sdkgen binds schema.json with Pulumi's schema binder and writes the Python and Go SDKs with
// pkg/v3's own code generators: what `pulumi package gen-sdk` does through a language host's
// GeneratePackage, which the v3.68.0 hosts built here predate (they answer "method GeneratePackage not
// implemented"). Drop it for `pulumi package gen-sdk` once 3.248's language hosts can be built.
//
// Usage: sdkgen SCHEMA OUT_DIR LANGUAGE...   (LANGUAGE: python, go; "bind" only binds)
// Every binder diagnostic is printed on stderr and makes the exit status 1.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "pulumi-spcs sdkgen"

// noLoader: the schema references no other package.
type noLoader struct{}

func (noLoader) LoadPackage(string, *semver.Version) (*schema.Package, error) {
	return nil, errors.New("no packages")
}
func (noLoader) LoadPackageV2(context.Context, *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, errors.New("no packages")
}
func (noLoader) LoadPackageReference(string, *semver.Version) (schema.PackageReference, error) {
	return nil, errors.New("no packages")
}
func (noLoader) LoadPackageReferenceV2(context.Context, *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, errors.New("no packages")
}

func fail(format string, a ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", a...)
	os.Exit(1)
}

func main() {
	if len(os.Args) < 4 {
		fail("usage: sdkgen SCHEMA OUT_DIR LANGUAGE...")
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fail("%v", err)
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		fail("%s: %v", os.Args[1], err)
	}
	pkg, diags, err := schema.BindSpec(spec, noLoader{}, schema.ValidationOptions{})
	for _, d := range diags {
		fmt.Fprintf(os.Stderr, "diagnostic (%v): %s: %s\n", d.Severity, d.Summary, d.Detail)
	}
	if err != nil {
		fail("bind error: %v", err)
	}
	if len(diags) > 0 {
		os.Exit(1)
	}
	for _, lang := range os.Args[3:] {
		var files map[string][]byte
		switch lang {
		case "bind":
			continue
		case "python":
			files, err = python.GeneratePackage(tool, pkg, nil, noLoader{})
		case "go":
			files, err = gogen.GeneratePackage(tool, pkg, nil)
		default:
			fail("unknown language %q", lang)
		}
		if err != nil {
			fail("%s: %v", lang, err)
		}
		root := filepath.Join(os.Args[2], lang)
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
		fmt.Printf("%s: %d files in %s\n", lang, len(files), root)
	}
}
