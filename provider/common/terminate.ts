/** SIGTERM to a process the platform started (a daemon of its home); one already gone is fine. */
export function terminate(pid: number): void {
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    /* already gone */
  }
}
