import http from "node:http";

// The benchmark's HTTP clients, forked by bench.ts into their own process: clients of an API
// server live in other processes, and in the server's process their work (receiving 40 MB
// lists, parsing 100 watch streams) would compete with the server for its event loop and
// make it collect garbage it did not make. Timings are taken here, on the client's clock.

export interface ClientResults {
  listTimes: number[];
  listBytes: number;
  listItems: number;
  latencies: number[];
}

const [url = "", watchersArg = "100", namespacesArg = "20"] = process.argv.slice(2);
const WATCHERS = Number(watchersArg);
const NAMESPACES = Number(namespacesArg);
const ROUNDS = 20;

async function run(): Promise<ClientResults> {
  // List all pods over HTTP.
  const agent = new http.Agent({ keepAlive: true });
  // Timed from request to the last byte; the client parses only once, outside the timing.
  const get = (p: string, parse: boolean) =>
    new Promise<{ ms: number; bytes: number; items: number; rv: string }>((resolve, reject) => {
      const start = performance.now();
      http.get(url + p, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const elapsed = performance.now() - start;
          const body = Buffer.concat(chunks);
          const list = parse ? (JSON.parse(body.toString("utf8")) as { metadata: { resourceVersion: string }; items: unknown[] }) : undefined;
          resolve({ ms: elapsed, bytes: body.length, items: list?.items.length ?? 0, rv: list?.metadata.resourceVersion ?? "" });
        });
      }).on("error", reject);
    });
  const listTimes: number[] = [];
  let last = { bytes: 0, items: 0, rv: "" };
  for (let i = 0; i < 12; i++) {
    const r = await get("/api/v1/pods", i === 11);
    if (i >= 2) listTimes.push(r.ms); // two warm-up rounds
    last = r;
  }

  // Watch fan-out: watchers on all pods from the listed version (as an informer does);
  // time from the write to each watcher's receipt.
  const latencies: number[] = [];
  let pending = new Map<string, number>();
  const sockets: http.ClientRequest[] = [];
  await Promise.all(
    Array.from({ length: WATCHERS }, () =>
      new Promise<void>((resolve) => {
        const req = http.get(`${url}/api/v1/pods?watch=1&resourceVersion=${last.rv}`, (res) => {
          let buf = "";
          res.on("data", (c: Buffer) => {
            const now = performance.now();
            buf += c.toString("utf8");
            let nl: number;
            while ((nl = buf.indexOf("\n")) >= 0) {
              const line = buf.slice(0, nl);
              buf = buf.slice(nl + 1);
              const m = line.match(/"bench-mark":"(\d+)"/);
              const sent = m ? pending.get(m[1] ?? "") : undefined;
              if (sent !== undefined) latencies.push(now - sent);
            }
          });
          resolve();
        });
        sockets.push(req);
      }),
    ),
  );
  for (let round = 0; round < ROUNDS; round++) {
    pending = new Map([[String(round), performance.now()]]);
    const target = `worker-${round * 37}`;
    const ns = `bench-${(round * 37) % NAMESPACES}`;
    const body = JSON.stringify({ metadata: { labels: { "bench-mark": String(round) } } });
    await new Promise<void>((resolve, reject) => {
      const req = http.request(`${url}/api/v1/namespaces/${ns}/pods/${target}`, { method: "PATCH", agent, headers: { "content-type": "application/merge-patch+json" } }, (res) => {
        res.resume();
        res.on("end", () => resolve());
      });
      req.on("error", reject);
      req.end(body);
    });
    const expected = (round + 1) * WATCHERS;
    for (let i = 0; i < 200 && latencies.length < expected; i++) await new Promise((r) => setTimeout(r, 5));
  }
  for (const s of sockets) s.destroy();
  agent.destroy();
  return { listTimes, listBytes: last.bytes, listItems: last.items, latencies };
}

run().then(
  (results) => process.send?.(results, () => process.exit(0)),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
