"use server";

import { authedAction } from "./safe-action";
import { cancelPromotionRequest, decidePromotion, retryPromotion, ZDecidePromotionInput, ZPromotionRequestRef } from "@/lib/services/rollouts/decide-promotion";
import { updateEnvironmentPolicy, ZUpdateEnvironmentPolicyInput } from "@/lib/services/rollouts/environment-policies";
import { promoteCanary, ZPromoteCanaryInput } from "@/lib/services/rollouts/promote-canary";
import { requestPromotion, ZRequestPromotionInput } from "@/lib/services/rollouts/request-promotion";
import { rollbackDeployment, ZRollbackDeploymentInput } from "@/lib/services/rollouts/rollback-deployment";
import { setCanaryTraffic, ZSetCanaryTrafficInput } from "@/lib/services/rollouts/set-canary-traffic";
import { previewCanary, startCanary, ZStartCanaryInput } from "@/lib/services/rollouts/start-canary";

// Canary rollouts and promotion approvals. Each action is built with authedAction (session →
// role → zod → service); the services check the role, the team and the policy again.

export const previewCanaryAction = authedAction({ name: "previewCanary", permission: "deployment.manage", input: ZStartCanaryInput }, (actor, input) => previewCanary(actor, input));

export const startCanaryAction = authedAction({ name: "startCanary", permission: "deployment.manage", input: ZStartCanaryInput }, (actor, input) => startCanary(actor, input));

export const setCanaryTrafficAction = authedAction({ name: "setCanaryTraffic", permission: "deployment.manage", input: ZSetCanaryTrafficInput }, (actor, input) => setCanaryTraffic(actor, input));

export const promoteCanaryAction = authedAction({ name: "promoteCanary", permission: "promotion.request", input: ZPromoteCanaryInput }, (actor, input) => promoteCanary(actor, input));

export const requestPromotionAction = authedAction({ name: "requestPromotion", permission: "promotion.request", input: ZRequestPromotionInput }, (actor, input) => requestPromotion(actor, input));

export const decidePromotionAction = authedAction({ name: "decidePromotion", permission: "promotion.approve", input: ZDecidePromotionInput }, (actor, input) => decidePromotion(actor, input));

export const retryPromotionAction = authedAction({ name: "retryPromotion", permission: "fleet.view", input: ZPromotionRequestRef }, (actor, input) => retryPromotion(actor, input));

export const cancelPromotionRequestAction = authedAction({ name: "cancelPromotionRequest", permission: "promotion.request", input: ZPromotionRequestRef }, (actor, input) => cancelPromotionRequest(actor, input));

export const rollbackDeploymentAction = authedAction({ name: "rollbackDeployment", permission: "rollout.rollback", input: ZRollbackDeploymentInput }, (actor, input) => rollbackDeployment(actor, input));

export const updateEnvironmentPolicyAction = authedAction({ name: "updateEnvironmentPolicy", permission: "policy.manage", input: ZUpdateEnvironmentPolicyInput }, (actor, input) => updateEnvironmentPolicy(actor, input));
