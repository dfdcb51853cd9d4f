// A TCP proxy that tests can switch off, to make a dependency unreachable on demand (the e2e
// app's PROMETHEUS_URL points here). While off, new connections are refused by closing them at
// once and open ones are cut, as when the real service goes down.
//   npx tsx test/support/switchable-proxy.ts --listen 3195 --target 127.0.0.1:6453 --control 3196
//   POST http://127.0.0.1:3196/off | /on, GET /health
import http from "node:http";
import net from "node:net";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { listen: { type: "string" }, target: { type: "string" }, control: { type: "string" } } });
const [targetHost, targetPort] = (values.target ?? "").split(":");
if (!values.listen || !targetHost || !targetPort || !values.control) {
  console.error("usage: switchable-proxy.ts --listen <port> --target <host:port> --control <port>");
  process.exit(2);
}

let isOn = true;
const open = new Set<net.Socket>();

const proxy = net.createServer((client) => {
  if (!isOn) return client.destroy();
  const upstream = net.connect(Number(targetPort), targetHost);
  open.add(client);
  const close = () => {
    open.delete(client);
    client.destroy();
    upstream.destroy();
  };
  client.on("error", close).on("close", close);
  upstream.on("error", close).on("close", close);
  client.pipe(upstream).pipe(client);
});

const control = http.createServer((req, res) => {
  if (req.method === "POST" && (req.url === "/off" || req.url === "/on")) {
    isOn = req.url === "/on";
    if (!isOn) for (const socket of open) socket.destroy();
  }
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ on: isOn }));
});

proxy.listen(Number(values.listen), "127.0.0.1", () => {
  control.listen(Number(values.control), "127.0.0.1", () => console.log(`switchable proxy on ${values.listen} → ${values.target} (control ${values.control})`));
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
