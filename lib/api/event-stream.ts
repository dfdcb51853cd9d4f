// Server-sent events for route handlers: named events, a comment every 15 s so proxies and
// browsers keep the connection open, and cleanup when the client goes away.

const HEARTBEAT_MS = 15_000;

export type TEventSender = (event: string, data: unknown) => void;

/**
 * A text/event-stream response. `open` starts producing events and returns its cleanup, which
 * runs once when the browser disconnects (request aborted) or the stream is cancelled.
 */
export function eventStreamResponse(signal: AbortSignal, open: (send: TEventSender) => () => void): Response {
  const encoder = new TextEncoder();
  let cleanup: (() => void) | null = null;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const heartbeat = setInterval(() => write(`: heartbeat ${new Date().toISOString()}\n\n`), HEARTBEAT_MS);
      const stop = open((event, data) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      function close() {
        if (!cleanup) return;
        cleanup = null;
        clearInterval(heartbeat);
        stop();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      }
      cleanup = close;
      if (signal.aborted) close();
      else signal.addEventListener("abort", close, { once: true });
    },
    cancel() {
      cleanup?.();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      // Tell reverse proxies (nginx) not to buffer the stream.
      "x-accel-buffering": "no",
    },
  });
}
