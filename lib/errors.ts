// The one error type of Gantry. Services throw AppError; the edges (server actions, route
// handlers, pages) map it once to an HTTP status or a form message. Anything else is an
// internal error: logged with its cause, shown to the user only as a generic message.

export type TAppErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "VALIDATION"
  | "CONFLICT"
  | "UNAVAILABLE"
  | "INTERNAL";

export type TFieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: TAppErrorCode;
  readonly fieldErrors?: TFieldErrors;

  constructor(code: TAppErrorCode, message: string, options?: { fieldErrors?: TFieldErrors; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = options?.fieldErrors;
  }
}

export const HTTP_STATUS_BY_CODE: Record<TAppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

const GENERIC_MESSAGE = "Something went wrong on our side. It has been logged; please try again.";

/** What a caller may see of an error: AppErrors as they are, anything else generic. */
export type TPublicError = { code: TAppErrorCode; message: string; fieldErrors?: TFieldErrors };

export function toPublicError(error: unknown, where: string): TPublicError {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) };
  }
  console.error(`[gantry] unexpected error in ${where}:`, error);
  return { code: "INTERNAL", message: GENERIC_MESSAGE };
}

type TValidationIssue = { path: readonly PropertyKey[]; message: string };

/** Zod issues as field errors keyed by dotted path ("_" for the input as a whole). */
export function fieldErrorsFromIssues(issues: readonly TValidationIssue[]): TFieldErrors {
  const fieldErrors: TFieldErrors = {};
  for (const issue of issues) (fieldErrors[issue.path.map(String).join(".") || "_"] ??= []).push(issue.message);
  return fieldErrors;
}

/** The VALIDATION error every edge shows for input that failed its schema. */
export function validationError(issues: readonly TValidationIssue[]): AppError {
  return new AppError("VALIDATION", "Some fields need attention.", { fieldErrors: fieldErrorsFromIssues(issues) });
}
