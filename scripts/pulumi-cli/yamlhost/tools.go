//go:build tools

// Package tools pins Pulumi YAML's language host main package so `go mod tidy` keeps its requirements.
package tools

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
