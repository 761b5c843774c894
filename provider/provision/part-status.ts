/** One provisioned part of the platform, as `spcs platform status` prints it. */
export interface PartStatus {
  name: string;
  ok: boolean;
  address?: string;
  path?: string;
  version?: string;
  detail?: string;
}

export interface PlatformStatus {
  home: string;
  parts: PartStatus[];
}
