import { createHash } from "node:crypto";

// How big a model is and whether its storage exists, derived deterministically so that the
// same manifest behaves the same on every run.

export const MODEL_SIZE_ANNOTATION = "gantry.dev/model-size-bytes";

const MB = 1e6;

/**
 * Size in bytes: the annotation when present; otherwise a parameter count in the name
 * ("Llama-3.1-8B" → 8e9 params × 2 bytes, fp16); otherwise 5–500 MB from a hash of the URI.
 */
export function modelSizeBytes(source: string | undefined, annotations: Record<string, string> | undefined): number {
  const annotated = Number(annotations?.[MODEL_SIZE_ANNOTATION]);
  if (Number.isFinite(annotated) && annotated > 0) return annotated;
  if (!source) return 50 * MB;
  const params = source.match(/(?:^|[-_/.:])(\d+(?:\.\d+)?)[bB](?=$|[-_/.])/);
  if (params) return Math.round(Number(params[1]) * 1e9 * 2);
  const h = createHash("sha1").update(source).digest().readUInt32BE(0);
  return Math.round(5 * MB + (h % 1000) * 0.495 * MB);
}

/** Memory a server process needs to hold the model: weights plus 20 % and the runtime itself. */
export function memoryNeededBytes(modelBytes: number): number {
  return Math.round(modelBytes * 1.2 + 512 * 2 ** 20);
}

export function isKnownStorage(uri: string, known: string[]): boolean {
  return known.some((prefix) => uri.startsWith(prefix));
}
