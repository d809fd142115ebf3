import { Collections } from "../common/collections.js";
import { converterFor } from "../common/converter.js";
import { db } from "../common/firebase.js";
import { AccountFlag, DofPackage, Purchase, WebhookEvent } from "./schemas.js";

const packageConverter = converterFor(DofPackage);
const purchaseConverter = converterFor(Purchase);
const flagConverter = converterFor(AccountFlag);
const webhookEventConverter = converterFor(WebhookEvent);

export const dofPackages = () => db().collection(Collections.dofPackages).withConverter(packageConverter);
export const purchases = () => db().collection(Collections.purchases).withConverter(purchaseConverter);
export const accountFlags = () => db().collection(Collections.accountFlags).withConverter(flagConverter);
export const webhookEvents = () =>
  db().collection(Collections.webhookEvents).withConverter(webhookEventConverter);

/** The purchase an order paid, found by the order id recorded when it was paid. */
export const purchasesOfOrder = (orderId: string) => purchases().where("orderId", "==", orderId).limit(1);
