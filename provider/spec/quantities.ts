/**
 * CPU, memory and size quantities: parsing and the canonical units.
 *
 * Canonical units (chosen so that equivalent spellings get one canonical text, and the canonical text is
 * itself a valid spec value, so normalising a canonical spec is a no-op):
 * - cpu: whole millicores, written `"<n>m"` (`0.5`, `"0.5"` and `"500m"` all become `"500m"`). Finer
 *   precision than 1m is rounded up, as Kubernetes does.
 * - memory: whole bytes (fractions round up), written with whichever unit (`Gi`, `Mi`, `Ki`, `G`, `M`,
 *   `k`) divides exactly and gives the smallest number (binary first on a tie), else as a decimal count
 *   of `k` (`1001` bytes → `"1.001k"`). So `1Gi` and `1024Mi` both become `"1Gi"`, and `2G` stays `"2G"`.
 *
 * Arithmetic is done on decimal strings with BigInt so `0.1` is exactly a tenth, never a binary float.
 */

/** A CPU quantity: a number of vCPUs (`0.5`, `2`) or millicores (`500m`). */
export const CPU_PATTERN = /^(\d+(\.\d+)?)(m?)$/;
/** A memory quantity: a number with a required unit; the units of the SPCS unit table that make sense for bytes. */
export const MEMORY_PATTERN = /^(\d+(\.\d+)?)(Ki|Mi|Gi|k|M|G)$/;
/** Block volume sizes: a whole number of GiB, `Gi` suffix only. */
export const BLOCK_SIZE_PATTERN = /^([1-9]\d*)Gi$/;

const MEMORY_UNITS: Record<string, bigint> = {
  Ki: 1024n,
  Mi: 1024n ** 2n,
  Gi: 1024n ** 3n,
  k: 1000n,
  M: 1000n ** 2n,
  G: 1000n ** 3n,
};

/** `"12.345"` → numerator 12345n over denominator 1000n. */
function decimal(text: string): { num: bigint; den: bigint } {
  const [int, frac = ""] = text.split(".");
  return { num: BigInt(int + frac), den: 10n ** BigInt(frac.length) };
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** Millicores for a cpu value, or undefined when it is not a valid cpu quantity. */
export function cpuMillicores(value: unknown): number | undefined {
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) return undefined;
    // Round to micro-cores first so that float noise (0.1 * 1000 = 100.00000000000001) does not round up.
    const millis = Math.ceil(Math.round(value * 1e6) / 1e3);
    // Beyond 2^53 the count is no longer exact, and `${1e24}m` prints as "1e+24m", which is not a quantity.
    return Number.isSafeInteger(millis) ? millis : undefined;
  }
  if (typeof value !== "string") return undefined;
  text = value;
  const m = CPU_PATTERN.exec(text);
  if (!m) return undefined;
  const { num, den } = decimal(m[1]);
  const millis = m[3] === "m" ? ceilDiv(num, den) : ceilDiv(num * 1000n, den);
  return millis > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(millis);
}

/** Bytes for a memory value (fractions round up), or undefined when it is not a valid memory quantity. */
export function memoryBytes(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const m = MEMORY_PATTERN.exec(value);
  if (!m) return undefined;
  const { num, den } = decimal(m[1]);
  const bytes = ceilDiv(num * MEMORY_UNITS[m[3]], den);
  return bytes > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(bytes);
}

/** True when a memory quantity's text is well formed but its value does not fit a safe integer (cpuMillicores likewise). */
export function quantityTooLarge(value: unknown, kind: "cpu" | "memory"): boolean {
  const wellFormed = kind === "cpu" ? (typeof value === "number" && Number.isFinite(value) && value >= 0) || (typeof value === "string" && CPU_PATTERN.test(value)) : typeof value === "string" && MEMORY_PATTERN.test(value);
  return wellFormed && (kind === "cpu" ? cpuMillicores(value) : memoryBytes(value)) === undefined;
}

/** True when a well-formed memory quantity is a whole number of bytes (`1.5k` is; `0.0001k` is not). */
export function wholeBytes(value: string): boolean {
  const m = MEMORY_PATTERN.exec(value);
  if (!m) return false;
  const { num, den } = decimal(m[1]);
  return (num * MEMORY_UNITS[m[3]]) % den === 0n;
}

/** GiB count of a block volume size (`"10Gi"` → 10), or undefined. */
export function blockSizeGi(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const m = BLOCK_SIZE_PATTERN.exec(value);
  return m ? Number(m[1]) : undefined;
}

function formatCpu(millicores: number): string {
  return `${millicores}m`;
}

export function formatMemory(bytes: number): string {
  const b = BigInt(bytes);
  if (b === 0n) return "0Gi";
  // The unit that gives the smallest whole number: 2G stays "2G" (not "1953125Ki"), 1024Mi becomes "1Gi".
  let best: string | undefined;
  let bestCount = 0n;
  for (const unit of ["Gi", "Mi", "Ki", "G", "M", "k"]) {
    const size = MEMORY_UNITS[unit];
    if (b % size === 0n && (best === undefined || b / size < bestCount)) [best, bestCount] = [unit, b / size];
  }
  if (best !== undefined) return `${bestCount}${best}`;
  const whole = b / 1000n;
  const frac = (b % 1000n).toString().padStart(3, "0").replace(/0+$/, "");
  return `${whole}.${frac}k`;
}

/** Canonical text of a cpu value; the input must be valid. */
export function canonicalCpu(value: unknown): string {
  return formatCpu(cpuMillicores(value)!);
}

/** Canonical text of a memory value; the input must be valid. */
export function canonicalMemory(value: unknown): string {
  return formatMemory(memoryBytes(value)!);
}
