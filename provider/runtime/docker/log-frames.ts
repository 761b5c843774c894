/**
 * Docker's log format for a container without a TTY: frames of an 8-byte header (stream type 0, 1 or 2
 * for stdin, stdout, stderr; a zero byte; the payload length as a 32-bit big-endian number at offset 4)
 * and the payload. The one parser of it; a buffer that is not such frames is a TTY's plain text.
 */
export interface LogFrame {
  stream: "stdout" | "stderr";
  payload: Buffer;
}

/** The whole frames at the start of `buf`, and how many bytes they took; `valid` false on a header that is not one. */
export function readFrames(buf: Buffer): { frames: LogFrame[]; consumed: number; valid: boolean } {
  const frames: LogFrame[] = [];
  let i = 0;
  while (i + 8 <= buf.length) {
    if (buf[i] > 2 || buf[i + 1] !== 0) return { frames, consumed: i, valid: false };
    const len = buf.readUInt32BE(i + 4);
    if (i + 8 + len > buf.length) break;
    frames.push({ stream: buf[i] === 2 ? "stderr" : "stdout", payload: buf.subarray(i + 8, i + 8 + len) });
    i += 8 + len;
  }
  return { frames, consumed: i, valid: true };
}

/** stdout and stderr apart; a buffer that is not frames throughout is all stdout. */
export function splitStreams(buf: Buffer): { stdout: string; stderr: string } {
  const { frames, consumed } = readFrames(buf);
  if (consumed !== buf.length) return { stdout: buf.toString("utf8"), stderr: "" };
  const of = (s: LogFrame["stream"]) => Buffer.concat(frames.filter((f) => f.stream === s).map((f) => f.payload)).toString("utf8");
  return { stdout: of("stdout"), stderr: of("stderr") };
}

/** stdout and stderr merged in the order written; a buffer that is not frames throughout is returned as text. */
export function mergedText(buf: Buffer): string {
  const { frames, consumed } = readFrames(buf);
  return consumed === buf.length ? Buffer.concat(frames.map((f) => f.payload)).toString("utf8") : buf.toString("utf8");
}

/**
 * Frames arriving in chunks (a followed log): each whole frame's payload goes to `onPayload` as soon as it
 * is complete. Returns the function to feed chunks to.
 */
export function frameReader(onPayload: (payload: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    const { frames, consumed, valid } = readFrames(pending);
    for (const f of frames) onPayload(f.payload);
    if (!valid) {
      // Not frames (a TTY): what is left is plain text.
      onPayload(pending.subarray(consumed));
      pending = Buffer.alloc(0);
    } else pending = pending.subarray(consumed);
  };
}
