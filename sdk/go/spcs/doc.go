// Snowpark Container Services as code, on a local Docker engine and OCI registry.
package spcs
