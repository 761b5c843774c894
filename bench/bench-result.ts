/**
 * One measurement of a benchmark against its baseline measured in the same run (`npm run bench` prints
 * one JSON line per result). `ratio` is value / baseline: for times lower is better, for rates higher.
 */
export interface BenchResult {
  bench: string;
  unit: string;
  value: number;
  baseline: number;
  ratio: number;
  note?: string;
}
