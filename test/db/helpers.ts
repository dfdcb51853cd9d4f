// Shared by the test/db tests: throwaway databases on the test server, free ports.
import { randomBytes } from "node:crypto";
import net from "node:net";
import { inject } from "vitest";
import { createDatabase, dropDatabase } from "@/scripts/db/database";

/** Creates an empty database on the test server; returns its URL and a function dropping it. */
export async function createScratchDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = inject("databaseServerUrl");
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const url = await createDatabase(serverUrl, name);
  return { url, drop: () => dropDatabase(serverUrl, name) };
}

/** A TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
