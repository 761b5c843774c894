import assert from "node:assert/strict";
import { blockSizeGi, cacheDurationSeconds, cpuMillicores, memoryBytes, retentionHours } from "../../../provider/spec";
import { canonicalCpu, canonicalMemory, formatMemory } from "../../../provider/spec/quantities";
import { formatCacheDuration, formatRetention } from "../../../provider/spec/durations";

describe("quantities", function () {
  it("reads cpu as vCPUs or millicores, exactly", function () {
    assert.equal(cpuMillicores(0.5), 500);
    assert.equal(cpuMillicores("0.5"), 500);
    assert.equal(cpuMillicores("500m"), 500);
    assert.equal(cpuMillicores(2), 2000);
    assert.equal(cpuMillicores(0.1), 100); // not 101: no binary float noise
    assert.equal(cpuMillicores("0.0005"), 1); // finer than 1m rounds up
    assert.equal(cpuMillicores("1.5m"), 2);
    assert.equal(cpuMillicores(0), 0);
    for (const bad of [-1, "-1", "1.5 cores", "1e3", "", "m", "0.5M", null, true, Infinity]) assert.equal(cpuMillicores(bad), undefined, String(bad));
  });

  it("reads memory with the SPCS units (decimal and binary), rounding fractions of a byte up", function () {
    assert.equal(memoryBytes("2G"), 2_000_000_000);
    assert.equal(memoryBytes("2Gi"), 2 * 1024 ** 3);
    assert.equal(memoryBytes("100M"), 100_000_000);
    assert.equal(memoryBytes("512Mi"), 512 * 1024 ** 2);
    assert.equal(memoryBytes("1.5k"), 1500);
    assert.equal(memoryBytes("4Ki"), 4096);
    assert.equal(memoryBytes("0.1Mi"), 104858);
    for (const bad of [512, "512", "512MB", "1Ti", "1 Gi", "-1Gi", "Gi", "1m"]) assert.equal(memoryBytes(bad), undefined, String(bad));
  });

  it("writes canonical units: millicores, and the memory unit with the smallest whole number", function () {
    assert.equal(canonicalCpu(1), "1000m");
    assert.equal(canonicalCpu("250m"), "250m");
    assert.equal(canonicalMemory("1024Mi"), "1Gi");
    assert.equal(canonicalMemory("0.5Gi"), "512Mi");
    assert.equal(canonicalMemory("2G"), "2G");
    assert.equal(canonicalMemory("2000M"), "2G");
    assert.equal(canonicalMemory("1000k"), "1M");
    assert.equal(canonicalMemory("1.5Gi"), "1536Mi");
    assert.equal(formatMemory(1001), "1.001k");
    assert.equal(formatMemory(104858), "104.858k");
    assert.equal(memoryBytes(formatMemory(104858)), 104858);
    assert.equal(formatMemory(0), "0Gi");
  });

  it("reads block sizes as whole Gi only", function () {
    assert.equal(blockSizeGi("10Gi"), 10);
    for (const bad of ["10G", "0.5Gi", "0Gi", "010Gi", 10]) assert.equal(blockSizeGi(bad), undefined, String(bad));
  });
});

describe("durations", function () {
  it("reads and writes metadataCache durations", function () {
    assert.equal(cacheDurationSeconds("90s"), 90);
    assert.equal(cacheDurationSeconds("5m"), 300);
    assert.equal(cacheDurationSeconds("1h30m45s"), 5445);
    assert.equal(formatCacheDuration(90), "1m30s");
    assert.equal(formatCacheDuration(3600), "1h");
    for (const bad of ["", "1 hour", "30s5m", "1d", "h"]) assert.equal(cacheDurationSeconds(bad), undefined, bad);
  });

  it("reads and writes snapshot retention in hours or days", function () {
    assert.equal(retentionHours("7d"), 168);
    assert.equal(retentionHours("36h"), 36);
    assert.equal(formatRetention(168), "7d");
    assert.equal(formatRetention(36), "36h");
    for (const bad of ["1w", "0d", "7", "d"]) assert.equal(retentionHours(bad), undefined, bad);
  });
});
