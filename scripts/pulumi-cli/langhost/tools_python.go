//go:build tools

package tools

// The Python language host, from the same sdk/v3 release as the Node one (3.248's own host is a
// separate module the proxy here does not serve). It ignores Pulumi.yaml's `virtualenv:` option: put
// the virtualenv's bin first on PATH.
import _ "github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python"
