"use client";

import { RotateCw, ThumbsDown, ThumbsUp, Undo2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { INPUT_CLASS } from "@/components/models/form-field";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { cancelPromotionRequestAction, decidePromotionAction, retryPromotionAction } from "@/lib/actions/rollout-actions";
import type { TRequestStatus } from "@/lib/domain/rollouts/promotion-policy";
import { useAnnounce } from "./feedback-client";

// The controls of one open request: approve or reject with a comment (a rejection needs one),
// retry a promote that failed after approval, withdraw one's own team's request. What the
// viewer may not do stays visible, disabled, with the reason next to it.

export type TRequestActionsProps = {
  requestId: string;
  name: string;
  team: string;
  status: TRequestStatus;
  /** "v3 → v4". */
  change: string;
  canaryVersion: number | null;
  approvalsSoFar: number;
  approvalsRequired: number;
  whyCannotDecide: string | null;
  promoteError: string | null;
  promoteAttempts: number;
  canRetry: boolean;
  canCancel: boolean;
};

type TDecisionResult = { status: "pending" | "approved" | "rejected" | "applied"; promoteError: string | null };

export function RequestActionsClient(props: TRequestActionsProps) {
  return props.status === "approved" ? <ApprovedActions {...props} /> : <PendingActions {...props} />;
}

function appliedText(props: TRequestActionsProps): string {
  const version = props.canaryVersion !== null ? `v${props.canaryVersion}` : "the canary";
  return `${version} now takes 100 % of ${props.name}'s traffic.`;
}

function PendingActions(props: TRequestActionsProps) {
  const router = useRouter();
  const announce = useAnnounce();
  const commentId = useId();
  const [comment, setComment] = useState("");
  const [commentError, setCommentError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isConfirmingWithdraw, setIsConfirmingWithdraw] = useState(false);
  const [busy, setBusy] = useState<"approve" | "reject" | "withdraw" | null>(null);
  const [isPending, startTransition] = useTransition();
  const canDecide = props.whyCannotDecide === null;

  const decide = (decision: "approve" | "reject") => {
    setError(null);
    setCommentError(null);
    if (decision === "reject" && comment.trim().length < 3) {
      setCommentError("Say why you reject it, so the engineer knows what to change.");
      return;
    }
    setBusy(decision);
    startTransition(async () => {
      const result = await decidePromotionAction({ requestId: props.requestId, decision, comment });
      setBusy(null);
      if (!result.ok) {
        const fieldError = result.error.fieldErrors?.comment?.[0];
        if (fieldError) setCommentError(fieldError);
        else setError(result.error.message);
        return;
      }
      announce(decisionFeedback(props, result.data));
      setComment("");
      router.refresh();
    });
  };

  const withdraw = () => {
    setError(null);
    setBusy("withdraw");
    startTransition(async () => {
      const result = await cancelPromotionRequestAction({ requestId: props.requestId });
      setBusy(null);
      setIsConfirmingWithdraw(false);
      if (!result.ok) return setError(result.error.message);
      announce({ tone: "success", text: `Promotion request for ${props.name} (${props.change}) withdrawn.` });
      router.refresh();
    });
  };

  return (
    <div className="space-y-3">
      {canDecide ? (
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor={commentId} className="font-medium">
            Comment <span className="font-normal text-slate-500">(required to reject)</span>
          </label>
          <textarea
            id={commentId}
            value={comment}
            onChange={(event) => {
              setComment(event.target.value);
              setCommentError(null);
            }}
            disabled={isPending}
            rows={2}
            maxLength={2000}
            placeholder="What you checked, or what should change before you approve"
            aria-invalid={commentError ? true : undefined}
            aria-describedby={commentError ? `${commentId}-error` : undefined}
            className={cn(INPUT_CLASS, "h-auto py-2 disabled:cursor-not-allowed disabled:opacity-60")}
            data-testid="decision-comment"
          />
          {commentError ? (
            <p id={`${commentId}-error`} className="text-xs text-red-600 dark:text-red-400">
              {commentError}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={() => decide("approve")} disabled={!canDecide || isPending} data-testid="approve">
          <ThumbsUp aria-hidden className="size-4" />
          {busy === "approve" ? "Approving…" : "Approve"}
        </Button>
        <Button variant="danger" onClick={() => decide("reject")} disabled={!canDecide || isPending} data-testid="reject">
          <ThumbsDown aria-hidden className="size-4" />
          {busy === "reject" ? "Rejecting…" : "Reject"}
        </Button>
        {props.whyCannotDecide ? (
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="why-cannot-decide">
            {props.whyCannotDecide}
          </p>
        ) : (
          <p className="text-xs text-slate-500">
            {props.approvalsRequired - props.approvalsSoFar <= 1
              ? "Approving promotes the canary to 100 % at once."
              : `${props.approvalsRequired - props.approvalsSoFar} more approvals are needed before the canary is promoted.`}
          </p>
        )}
        {props.canCancel && !isConfirmingWithdraw ? (
          <Button variant="ghost" size="sm" className="ml-auto" onClick={() => setIsConfirmingWithdraw(true)} disabled={isPending} data-testid="withdraw">
            <Undo2 aria-hidden className="size-4" /> Withdraw
          </Button>
        ) : null}
      </div>
      {isConfirmingWithdraw ? (
        <div role="alertdialog" aria-label="Withdraw this request?" className="flex flex-wrap items-center gap-3 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900">
          <p className="flex-1">Withdraw this request? Approvers will no longer see it; the canary keeps running at its current share.</p>
          <Button size="sm" variant="danger" onClick={withdraw} disabled={isPending} data-testid="confirm-withdraw">
            {busy === "withdraw" ? "Withdrawing…" : "Withdraw request"}
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setIsConfirmingWithdraw(false)} disabled={isPending}>
            Keep it
          </Button>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function decisionFeedback(props: TRequestActionsProps, result: TDecisionResult): { tone: "success" | "warning"; text: string } {
  switch (result.status) {
    case "applied":
      return { tone: "success", text: `Approved and promoted: ${appliedText(props)}` };
    case "approved":
      return { tone: "warning", text: `Approved, but the promotion failed: ${result.promoteError ?? "unknown error"} Retry it from the request.` };
    case "rejected":
      return { tone: "success", text: `Rejected the promotion of ${props.name} (${props.change}). The requester sees your comment.` };
    case "pending": {
      const left = props.approvalsRequired - props.approvalsSoFar - 1;
      return { tone: "success", text: `Approval recorded for ${props.name}; ${left > 0 ? `${left} more needed before it is promoted.` : "waiting for the others."}` };
    }
  }
}

function ApprovedActions(props: TRequestActionsProps) {
  const router = useRouter();
  const announce = useAnnounce();
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  const retry = () => {
    setError(null);
    startTransition(async () => {
      const result = await retryPromotionAction({ requestId: props.requestId });
      if (!result.ok) return setError(result.error.message);
      if (result.data.status === "applied") announce({ tone: "success", text: `Promoted: ${appliedText(props)}` });
      else setError(`The promotion failed again: ${result.data.promoteError ?? "unknown error"}`);
      router.refresh();
    });
  };

  return (
    <div className="space-y-3">
      {props.promoteError ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200" data-testid="promote-error">
          <p className="font-medium">
            Approved, but the promotion failed{props.promoteAttempts > 1 ? ` (${props.promoteAttempts} attempts)` : ""}:
          </p>
          <p>{props.promoteError}</p>
        </div>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">Approved; the promotion to 100 % has not been applied yet.</p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        {props.canRetry ? (
          <Button onClick={retry} disabled={isPending} data-testid="retry-promotion">
            <RotateCw aria-hidden className={cn("size-4", isPending && "animate-spin")} />
            {isPending ? "Promoting…" : "Retry promotion"}
          </Button>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">Approvers and team {props.team} can retry the promotion.</p>
        )}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}
