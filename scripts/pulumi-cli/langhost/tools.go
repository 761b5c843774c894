//go:build tools

// Package tools pins the Node language host main package so `go mod tidy` keeps its requirements.
package tools

import _ "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"
