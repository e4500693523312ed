// The log server's public API, as the portal reads it. Every call goes to this page's own origin
// (the Content-Security-Policy allows nothing else) and to endpoints anyone can call: the portal
// gets no data that the command-line client cannot get.

/** An HTTP answer other than 2xx, with the server's JSON error code and reason when it gave one. */
export class ApiError extends Error {
  constructor(path, status, code, reason) {
    super(`${path}: HTTP ${status}${reason ? `: ${reason}` : ""}`);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }
}

async function get(path) {
  let response;
  try {
    response = await fetch(path, { headers: { Accept: "application/json, text/plain" }, cache: "no-store" });
  } catch (e) {
    throw new ApiError(path, 0, "network", `cannot reach the server (${e.message})`);
  }
  if (!response.ok) {
    let code = `http-${response.status}`;
    let reason = response.statusText;
    try {
      const body = await response.json();
      code = body.error ?? code;
      reason = body.reason ?? reason;
    } catch {
      // Not a JSON error body: keep the status line.
    }
    throw new ApiError(path, response.status, code, reason);
  }
  return response;
}

async function json(path) {
  return (await get(path)).json();
}

/** { origin, verifierKey, treaty, size, rootHash, checkpoint } */
export const logInfo = () => json("/api/v1/log");

/** { index, leafHash, identity, entry, kind?, statement?, signers? } */
export const entry = (index) => json(`/api/v1/entries/${index}`);

/** { index, size, proof: [base64...] } */
export const inclusionProof = (index, size) => json(`/api/v1/proofs/inclusion?index=${index}&size=${size}`);

/** The published checkpoint note, verbatim. */
export const checkpoint = async () => (await get("/checkpoint")).text();

/** { status, treeSize, publishedSize, pending, sinceProgressMillis, problem? }; 503 still has a body. */
export async function health() {
  const response = await fetch("/health", { cache: "no-store" });
  return { httpStatus: response.status, ...(await response.json()) };
}

/**
 * Fetches entries `indexes` with at most `parallel` requests in flight; answers in the same order,
 * each either the entry or { index, error }.
 */
export async function entries(indexes, parallel = 6) {
  const out = new Array(indexes.length);
  let next = 0;
  async function worker() {
    while (next < indexes.length) {
      const i = next++;
      try {
        out[i] = await entry(indexes[i]);
      } catch (e) {
        out[i] = { index: indexes[i], error: e.message };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, indexes.length) }, worker));
  return out;
}

/**
 * The compliance report at `at` (a day YYYY-MM-DD) as canonical JSON, with the log prefix it
 * covers (the Countersign-Log-Size header). Throws an ApiError with code "no-treaty" when the
 * server keeps no report.
 */
export async function compliance(at) {
  const response = await get(`/api/v1/compliance?at=${encodeURIComponent(at)}&format=json`);
  return { report: await response.json(), size: response.headers.get("Countersign-Log-Size") };
}

/** Today, YYYY-MM-DD, in UTC (the day a report "at today" describes). */
export const today = () => new Date().toISOString().slice(0, 10);

/**
 * The compliance time series up to `at` (a day): each party's totals against each limit over time,
 * every point equal to the report of its day. Throws an ApiError "no-treaty" without a treaty file.
 */
export async function series(at) {
  const response = await get(`/api/v1/compliance/series?at=${encodeURIComponent(at)}`);
  return { series: await response.json(), size: response.headers.get("Countersign-Log-Size") };
}

/** The compliance report at `at` for one participant (or all with party null), canonical JSON. */
export async function report(at, party = null) {
  const q = party ? `&party=${encodeURIComponent(party)}` : "";
  const response = await get(`/api/v1/compliance?at=${encodeURIComponent(at)}&format=json${q}`);
  return { report: await response.json(), size: response.headers.get("Countersign-Log-Size") };
}

/** { from, to, proof: [base64...] }: a consistency proof between two published tree sizes. */
export const consistencyProof = (from, to) => json(`/api/v1/proofs/consistency?from=${from}&to=${to}`);

/** Any JSON endpoint of this server; for pages that read an endpoint another module adds. */
export const getJson = (path) => json(path);
