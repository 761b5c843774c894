/**
 * The host of an account's Snowflake image registry, `<org>-<acct>.registry.snowflakecomputing.com` (and
 * its private-link form `...registry.privatelink.snowflakecomputing.com`). A spec naming an image with it
 * runs unchanged here: the path after the host is what the local registry holds.
 */
const SNOWFLAKE_REGISTRY_HOST = /^[a-z0-9][a-z0-9_-]*\.registry(?:\.privatelink)?\.snowflakecomputing\.com(?=\/)/i;

/** `org-acct.registry.snowflakecomputing.com/db/...` → `/db/...`; anything else unchanged. */
export function withoutSnowflakeRegistryHost(image: string): string {
  const m = SNOWFLAKE_REGISTRY_HOST.exec(image);
  return m ? image.slice(m[0].length) : image;
}
