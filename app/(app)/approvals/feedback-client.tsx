"use client";

import { AlertTriangle, CheckCircle2, X } from "lucide-react";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

// The outcome of the last approve, reject, retry or withdraw. It lives above the lists because
// the refreshed page may move the request from "Waiting" to "Recently settled" (its card, and
// any message inside it, is then gone). Sticky, so it is seen wherever the button was.

type TFeedback = { text: string; tone: "success" | "warning" } | null;

const FeedbackContext = createContext<(feedback: TFeedback) => void>(() => {});

export function useAnnounce() {
  return useContext(FeedbackContext);
}

export function FeedbackProvider({ children }: { children: ReactNode }) {
  const [feedback, setFeedback] = useState<TFeedback>(null);
  const announce = useCallback((next: TFeedback) => setFeedback(next), []);
  const value = useMemo(() => announce, [announce]);
  return (
    <FeedbackContext.Provider value={value}>
      <div role="status" aria-live="polite" className="sticky top-2 z-20">
        {feedback ? (
          <div
            className={
              feedback.tone === "success"
                ? "mb-4 flex items-start gap-2 rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-900 shadow-sm dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100"
                : "mb-4 flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 shadow-sm dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
            }
            data-testid="approval-feedback"
          >
            {feedback.tone === "success" ? <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0" /> : <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />}
            <p className="flex-1">{feedback.text}</p>
            <button type="button" onClick={() => setFeedback(null)} aria-label="Dismiss" className="rounded p-0.5 hover:bg-black/5 dark:hover:bg-white/10">
              <X aria-hidden className="size-4" />
            </button>
          </div>
        ) : null}
      </div>
      {children}
    </FeedbackContext.Provider>
  );
}
