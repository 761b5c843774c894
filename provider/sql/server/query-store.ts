import { errorEnvelope, type Envelope } from "./envelopes";

/** Finished results kept for result_scan, `GET /queries/{qid}/result` and monitoring. */
const KEEP_FINISHED = 500;

interface QueryRecord {
  id: string;
  sessionId: number;
  sqlText: string;
  requestId?: string;
  answer?: Envelope;
  done: Promise<Envelope>;
  settle: (answer: Envelope) => void;
}

/**
 * Every statement the endpoint ran, by query id: running ones (so a client can poll or abort them) and
 * the last finished ones. A statement keeps running when its client goes away; its answer waits here.
 */
export class QueryStore {
  private readonly queries = new Map<string, QueryRecord>();

  start(id: string, sessionId: number, sqlText: string, requestId: string | undefined, run: () => Promise<Envelope>): void {
    let resolve!: (answer: Envelope) => void;
    const done = new Promise<Envelope>((r) => (resolve = r));
    // The first answer wins: the statement's own, or a cancel that came before it.
    const rec: QueryRecord = { id, sessionId, sqlText, requestId, done, settle: (answer) => {
      if (rec.answer) return;
      rec.answer = answer;
      resolve(answer);
      this.trim();
    } };
    this.queries.set(id, rec);
    void run()
      .catch((e: unknown) => errorEnvelope(e, id))
      .then(rec.settle);
  }

  /** Records an answer that needed no waiting (fakesnow's synchronous result) under its own id. */
  remember(id: string, sessionId: number, sqlText: string, answer: Envelope): void {
    this.queries.set(id, { id, sessionId, sqlText, answer, done: Promise.resolve(answer), settle: () => undefined });
    this.trim();
  }

  /** The answer, or undefined if it is still running after `waitMs`. */
  async wait(id: string, waitMs: number): Promise<Envelope | undefined> {
    const rec = this.queries.get(id);
    if (!rec) return undefined;
    if (rec.answer) return rec.answer;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), waitMs)));
    try {
      return await Promise.race([rec.done, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The statement a client already sent under this request id. The connectors resend a query-request
   * with the same requestId when a connection drops; running it again would, for example, create a
   * service twice.
   */
  byRequest(sessionId: number, requestId: string | undefined): string | undefined {
    if (!requestId) return undefined;
    for (const rec of this.queries.values()) if (rec.sessionId === sessionId && rec.requestId === requestId) return rec.id;
    return undefined;
  }

  has(id: string): boolean {
    return this.queries.has(id);
  }

  status(id: string): { status: "RUNNING" | "SUCCESS" | "FAILED_WITH_ERROR"; answer?: Envelope; sqlText: string } | undefined {
    const rec = this.queries.get(id);
    if (!rec) return undefined;
    if (!rec.answer) return { status: "RUNNING", sqlText: rec.sqlText };
    return { status: rec.answer.success ? "SUCCESS" : "FAILED_WITH_ERROR", answer: rec.answer, sqlText: rec.sqlText };
  }

  /** Marks a running statement as cancelled; its work may go on, but its client gets the cancel error. */
  cancel(match: { queryId?: string; requestId?: string }, answer: Envelope): boolean {
    for (const rec of this.queries.values()) {
      if (rec.answer) continue;
      if ((match.queryId && rec.id === match.queryId) || (match.requestId && rec.requestId === match.requestId)) {
        rec.settle(answer);
        return true;
      }
    }
    return false;
  }

  private trim(): void {
    if (this.queries.size <= KEEP_FINISHED) return;
    for (const [id, rec] of this.queries) {
      if (this.queries.size <= KEEP_FINISHED) break;
      if (rec.answer) this.queries.delete(id);
    }
  }
}
