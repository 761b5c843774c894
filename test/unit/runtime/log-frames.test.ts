import assert from "node:assert/strict";
import fc from "fast-check";
import { frameReader, mergedText, splitStreams } from "../../../provider/runtime/docker/log-frames";

const frame = (stream: 1 | 2, text: string) => {
  const payload = Buffer.from(text, "utf8");
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe("runtime: Docker's log frames", function () {
  const log = Buffer.concat([frame(1, "out one\n"), frame(2, "err one\n"), frame(1, "out two\n")]);

  it("merges stdout and stderr in the order written, or keeps them apart", function () {
    assert.equal(mergedText(log), "out one\nerr one\nout two\n");
    assert.deepEqual(splitStreams(log), { stdout: "out one\nout two\n", stderr: "err one\n" });
  });

  it("reads a TTY's plain text (no frames) as text", function () {
    const tty = Buffer.from("plain text from a terminal\n");
    assert.equal(mergedText(tty), "plain text from a terminal\n");
    assert.deepEqual(splitStreams(tty), { stdout: "plain text from a terminal\n", stderr: "" });
  });

  it("hands on each frame of a followed log once it is whole, however the chunks cut it", function () {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom<1 | 2>(1, 2), fc.string({ maxLength: 40 })), { maxLength: 8 }), fc.array(fc.nat(200), { maxLength: 6 }), (frames, cuts) => {
        const buf = Buffer.concat(frames.map(([s, t]) => frame(s, t)));
        const seen: string[] = [];
        const feed = frameReader((p) => seen.push(p.toString("utf8")));
        const at = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
        let from = 0;
        for (const c of [...at, buf.length]) {
          feed(buf.subarray(from, c));
          from = c;
        }
        assert.deepEqual(seen, frames.map(([, t]) => t));
      }),
      { seed: 10, numRuns: 200 },
    );
  });
});
