import { aptInstall, which } from "../provider/provision/system";

/**
 * What `npm run bench` needs besides the platform, installed once and idempotently: Debian's
 * docker-compose (1.29), the baseline the service benchmark compares `pulumi up` with.
 */
export async function ensureBenchTools(log: (line: string) => void = (l) => console.error(l)): Promise<void> {
  if (!which("docker-compose")) await aptInstall(["docker-compose"], log);
  if (!which("docker-compose")) throw new Error("docker-compose is still missing after apt-get install docker-compose");
}
